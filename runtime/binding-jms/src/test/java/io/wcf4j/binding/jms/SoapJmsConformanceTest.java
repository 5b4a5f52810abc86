package io.wcf4j.binding.jms;

import io.wcf4j.conformance.AbstractBindingConformanceTest;
import java.util.Map;

/** The foundation's conformance suite over SOAP/JMS, on an embedded Artemis broker. */
class SoapJmsConformanceTest extends AbstractBindingConformanceTest {
    /** The broker holds what the endpoint's consumers (4, as many as the throttled service takes) have not taken. */
    @Override
    protected boolean holdsExcessCallsInAQueue() {
        return true;
    }

    // a static field, so that the broker runs before the suite's @BeforeAll starts the server; it lives as long
    // as the test JVM, because the suite's server closes after any @AfterAll of this class
    static final EmbeddedArtemis BROKER = TestBroker.start();

    @Override
    protected String bindingType() {
        return "soap-jms";
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "jms:queue:conformance." + serviceName;
    }

    @Override
    protected String unreachableAddress() {
        return "jms:queue:no.service.declared.this";
    }

    @Override
    protected Map<String, Object> bindingSettings() {
        return Map.of("url", BROKER.inVmUrl(), "redelivery-delay", "100ms");
    }

    @Override
    protected boolean queuesCallsWhileClosed() {
        return true;
    }

    /** A queue has no caller address: the sender talks to the broker, not to the service. */
    @Override
    protected boolean supportsRemoteAddress() {
        return false;
    }

    /** The broker acknowledges a one-way message; a refusal sends it to the dead-letter queue instead. */
    @Override
    protected boolean oneWayRefusalsReachTheCaller() {
        return false;
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        MalformedJmsRequest.send(BROKER.connectionFactory(), clientAddress);
    }
}
