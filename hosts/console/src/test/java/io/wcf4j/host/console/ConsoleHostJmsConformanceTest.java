package io.wcf4j.host.console;

import io.wcf4j.conformance.AbstractBindingConformanceTest;
import io.wcf4j.conformance.ConformanceServiceImpl;
import java.util.Map;

/**
 * The conformance suite against the console host's SOAP/JMS endpoint: the embedded Artemis broker that the
 * host starts from its configuration, called over the broker's TCP acceptor like a client in another process.
 */
class ConsoleHostJmsConformanceTest extends AbstractBindingConformanceTest {
    @Override
    protected String bindingType() {
        return "soap-jms";
    }

    @Override
    protected String serverAddress(String serviceName) {
        throw new UnsupportedOperationException("the console host serves the suite's service from its configuration");
    }

    @Override
    protected String unreachableAddress() {
        return "jms:queue:nobody.serves.this";
    }

    @Override
    protected Map<String, Object> bindingSettings() {
        return Map.of("url", "tcp://127.0.0.1:" + ConsoleHostFixture.get().jmsPort);
    }

    @Override
    protected Server startServer(String serviceName, ConformanceServiceImpl implementation) {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        service = host.context.getBean(ConformanceServiceImpl.class);
        return new Server(null, "jms:queue:conformance");
    }

    @Override
    protected boolean supportsCloseWhileInFlight() {
        return false;
    }
}
