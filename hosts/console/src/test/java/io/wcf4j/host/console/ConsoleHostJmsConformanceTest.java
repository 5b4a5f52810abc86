package io.wcf4j.host.console;

import io.wcf4j.conformance.AbstractBindingConformanceTest;
import io.wcf4j.conformance.ConformanceBehaviors;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.spi.ClientBehavior;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

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
        return Map.of("url", "tcp://127.0.0.1:" + ConsoleHostFixture.get().jmsPort, "user", "test-client", "password", "test-client-secret",
                // the endpoint takes each message's UsernameToken, as the sample's queue does
                "security-mode", "message", "message-credential", "username-digest");
    }

    @Override
    protected ClientBehavior defaultCredentials() {
        return ConformanceSecurity.alice();
    }

    @Override
    protected String transportPrincipal() {
        return ConformanceSecurity.USER;
    }

    @Override
    protected Server startServer(String serviceName, ConformanceServiceImpl implementation) {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        service = host.context.getBean(ConformanceServiceImpl.class);
        return new Server(null, "jms:queue:conformance", "conformance-jms");
    }

    @Override
    protected ConformanceBehaviors behaviors() {
        return ConsoleHostFixture.get().context.getBean(ConformanceBehaviors.class);
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
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ConsoleHostFixture.get().jmsPort,
                "test-client", "test-client-secret");
             Connection c = cf.createConnection();
             Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer p = s.createProducer(s.createQueue("conformance"))) {
            p.send(s.createTextMessage("this is not a SOAP envelope"));
        }
    }

    @Override
    protected boolean supportsCloseWhileInFlight() {
        return false;
    }
}
