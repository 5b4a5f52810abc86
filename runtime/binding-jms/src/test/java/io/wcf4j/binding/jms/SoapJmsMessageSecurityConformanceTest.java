package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ClientCredentials;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.spi.ClientBehavior;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole suite over SOAP/JMS with message security: every message carries its caller's WS-Security
 * UsernameToken (PasswordDigest, Nonce, Created, Timestamp), so the principal is the message's, not the
 * connection's.
 */
class SoapJmsMessageSecurityConformanceTest extends SoapJmsConformanceTest {
    @Override
    protected Map<String, Object> bindingSettings() {
        Map<String, Object> s = new HashMap<>(super.bindingSettings());
        s.put("security-mode", "message");
        s.put("message-credential", "username-digest");
        return s;
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "jms:queue:secured." + serviceName;
    }

    @Override
    protected ClientBehavior defaultCredentials() {
        return ConformanceSecurity.alice();
    }

    @Override
    protected String transportPrincipal() {
        return ConformanceSecurity.USER;
    }

    @Test
    void aOneWayMessageThatFailsAuthentication_isDeadLetteredAtOnce_withTheReason_neverRun() throws Exception {
        String token = "forged-" + System.nanoTime();
        try (ChannelFactory<ConformanceService> f = newFactory(server().clientAddress(), Duration.ofSeconds(20),
                ClientCredentials.userName(ConformanceSecurity.USER, "wrong-password".toCharArray()))) {
            f.createChannel().fireAndForget(token);
        }
        try (Connection c = BROKER.connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String queue = server().clientAddress().substring("jms:queue:".length());
            try (MessageConsumer consumer = s.createConsumer(s.createQueue("DLQ." + queue))) {
                Message dead = consumer.receive(TimeUnit.SECONDS.toMillis(10));
                // other tests of the suite dead-letter on this queue too: find this one by its token
                while (dead != null && !bodyOf(dead).contains(token)) {
                    dead = consumer.receive(TimeUnit.SECONDS.toMillis(10));
                }
                assertThat(dead).as("dead-lettered").isNotNull();
                assertThat(dead.getStringProperty("wcf4j_errorCode")).isEqualTo("UNAUTHENTICATED");
                assertThat(dead.getIntProperty("wcf4j_attempt")).as("not retried").isEqualTo(1);
                assertThat(dead.getStringProperty("wcf4j_errorMessage")).doesNotContain("wrong-password");
            }
        }
        assertThat(service.oneWayTokens).as("the operation never ran").doesNotContain(token);
    }

    private static String bodyOf(Message m) throws Exception {
        if (m instanceof jakarta.jms.TextMessage t) {
            return t.getText();
        }
        jakarta.jms.BytesMessage b = (jakarta.jms.BytesMessage) m;
        byte[] body = new byte[(int) b.getBodyLength()];
        b.readBytes(body);
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
