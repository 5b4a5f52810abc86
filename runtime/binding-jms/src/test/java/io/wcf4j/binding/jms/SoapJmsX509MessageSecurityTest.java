package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * X.509 message security over SOAP/JMS: what protects a message resting in a queue. Each message is signed by its
 * sender's key and encrypted for the service, so the broker (and anyone who reads the journal) sees no Body, and the
 * principal is the message's signer; the reply comes back signed and encrypted for the caller. A one-way message from
 * an untrusted signer is dead-lettered at once, never run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SoapJmsX509MessageSecurityTest {
    private static final EmbeddedArtemis BROKER = SoapJmsConformanceTest.BROKER;
    private static final String QUEUE = "x509.conformance";
    private final DevelopmentPki pki = TestPki.trusted();
    private final ConformanceServiceImpl service = new ConformanceServiceImpl();
    private ServiceHost host;

    @BeforeAll
    void open() {
        Map<String, Object> server = new HashMap<>(Map.of("url", BROKER.inVmUrl(), "security-mode", "message",
                "message-credential", "certificate"));
        server.put("message-certificate", TestPki.path(pki.serverCertificate()));
        server.put("message-private-key", TestPki.path(pki.serverKey()));
        server.put("message-trust", TestPki.path(pki.caCertificate()));
        host = ServiceHost.builder(ConformanceService.class).name("x509").implementation(service)
                .dispatchBehavior(ConformanceSecurity.authentication())
                .endpoint("x509-jms", "jms:queue:" + QUEUE, BindingConfig.of("soap-jms", server)).build();
        host.open();
    }

    @AfterAll
    void close() {
        host.close(Duration.ofSeconds(5));
    }

    private ChannelFactory<ConformanceService> client(DevelopmentPki from, String user) {
        Map<String, Object> s = new HashMap<>(Map.of("url", BROKER.inVmUrl(), "security-mode", "message",
                "message-credential", "certificate"));
        s.put("message-certificate", TestPki.path(from.clientCertificate(user)));
        s.put("message-private-key", TestPki.path(from.clientKey(user)));
        s.put("message-trust", TestPki.path(pki.caCertificate()));
        s.put("message-peer-certificate", TestPki.path(pki.serverCertificate()));
        return ChannelFactory.builder(ConformanceService.class).address("jms:queue:" + QUEUE)
                .binding(BindingConfig.of("soap-jms", s)).build();
    }

    @Test
    void requestReply_andOneWay_carryTheSignersIdentity() throws Exception {
        try (ChannelFactory<ConformanceService> f = client(pki, ConformanceSecurity.ADMIN_USER)) {
            ConformanceService c = f.createChannel();
            assertThat(c.whoAmI()).isEqualTo(ConformanceSecurity.ADMIN_USER);
            assertThat(c.adminEcho("over a queue")).isEqualTo("over a queue");
            c.fireAndForget("signed-one-way");
        }
        assertThat(service.oneWayTokens.poll(10, TimeUnit.SECONDS)).isEqualTo("signed-one-way");
    }

    @Test
    void aOneWayMessageFromAnUntrustedSigner_isDeadLetteredAtOnce_neverRun() throws Exception {
        String token = "stranger-" + System.nanoTime();
        try (ChannelFactory<ConformanceService> f = client(TestPki.stranger(), ConformanceSecurity.USER)) {
            f.createChannel().fireAndForget(token);
        }
        try (Connection connection = BROKER.connectionFactory().createConnection()) {
            connection.start();
            Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = s.createConsumer(s.createQueue("DLQ." + QUEUE))) {
                Message dead = consumer.receive(TimeUnit.SECONDS.toMillis(10));
                assertThat(dead).as("dead-lettered").isNotNull();
                assertThat(dead.getStringProperty("wcf4j_errorCode")).isEqualTo("UNAUTHENTICATED");
                assertThat(dead.getIntProperty("wcf4j_attempt")).as("not retried").isEqualTo(1);
                byte[] body = dead.getBody(byte[].class);
                assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).as("the Body rests encrypted")
                        .contains("xenc:EncryptedData").doesNotContain(token);
            }
        }
        assertThat(service.oneWayTokens).doesNotContain(token);
    }
}
