package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.net.ServerSocket;
import java.nio.file.Files;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The embedded broker requires authentication on every acceptor: nobody connects anonymously or with a wrong
 * password, the client account cannot manage the broker or declare durable queues, and an address that is full
 * refuses senders instead of filling memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerSecurityTest {
    private EmbeddedArtemis broker;
    private String tcp;

    @BeforeAll
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        tcp = "tcp://127.0.0.1:" + port;
        broker = EmbeddedArtemis.start(Files.createTempDirectory("wcf4j-broker-security"), tcp, "client", "client-secret", 256 * 1024);
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void anonymousOrWrongPasswordConnections_areRefused_inVmAndOverTcp() {
        for (String url : new String[] {tcp, broker.inVmUrl()}) {
            assertThatThrownBy(() -> new ActiveMQConnectionFactory(url).createConnection().close()).as(url)
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> new ActiveMQConnectionFactory(url, "client", "guess").createConnection().close()).as(url)
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> new ActiveMQConnectionFactory(url, EmbeddedArtemis.HOST_USER, "guess").createConnection().close())
                    .as(url).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void theClientAccount_sendsAndUsesTemporaryQueues_butCannotManage() throws Exception {
        try (Connection host = broker.connectionFactory().createConnection()) {
            Brokers.declareQueue(host.createSession(false, Session.AUTO_ACKNOWLEDGE), "secured.work");
        }
        try (Connection c = new ActiveMQConnectionFactory(tcp, "client", "client-secret").createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("secured.work")).send(s.createTextMessage("work"));
            TemporaryQueue replies = s.createTemporaryQueue();
            c.start();
            s.createProducer(replies).send(s.createTextMessage("reply"));
            assertThat(s.createConsumer(replies).receive(5000)).isNotNull();
            MessageProducer management = s.createProducer(s.createQueue("activemq.management"));
            assertThatThrownBy(() -> management.send(s.createTextMessage("manage"))).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> Brokers.declareQueue(s, "client.durable")).isInstanceOf(JMSException.class);
        }
    }

    @Test
    void aFullAddress_refusesSenders() throws Exception {
        try (Connection host = broker.connectionFactory().createConnection()) {
            Session s = host.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Brokers.declareQueue(s, "secured.flood");
            MessageProducer p = s.createProducer(s.createQueue("secured.flood"));
            byte[] chunk = new byte[32 * 1024];
            JMSException refused = null;
            for (int i = 0; i < 40 && refused == null; i++) {
                BytesMessage m = s.createBytesMessage();
                m.writeBytes(chunk);
                try {
                    p.send(m);
                } catch (JMSException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("256 KB of 32 KB messages: the address refused a sender before 40 of them").isNotNull();
        }
    }

    @Test
    void aClientsErrors_neverShowTheBrokerPassword() {
        try (io.wcf4j.ChannelFactory<io.wcf4j.conformance.ConformanceService> f = io.wcf4j.ChannelFactory
                .builder(io.wcf4j.conformance.ConformanceService.class).address("jms:queue:nobody.here")
                .binding(io.wcf4j.config.BindingConfig.of("soap-jms", java.util.Map.of("url", tcp, "user", "client",
                        "password", "client-secret", "send-timeout", "5s"))).build()) {
            io.wcf4j.ServiceException e = org.assertj.core.api.Assertions.catchThrowableOfType(io.wcf4j.ServiceException.class,
                    () -> f.createChannel().echo("x"));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("nobody.here").contains("127.0.0.1").doesNotContain("client-secret");
        }
    }
}
