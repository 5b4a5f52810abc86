package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter queue takes every message parked there, past the embedded broker's per-address limit: it pages to
 * disk. Found by fuzzing: once it was full, each bad message stayed on its request queue, redelivered without end, its
 * caller never answered.
 */
class FullDeadLetterQueueTest {
    @Test
    void unreadableMessagesPastTheAddressLimit_allReachTheDeadLetterQueue_andCallsGoOn() throws Exception {
        EmbeddedArtemis broker = EmbeddedArtemis.start(Files.createTempDirectory("wcf4j-artemis-dlq"), "none", null, null, 64 * 1024);
        try (ServiceHost host = ServiceHost.builder(QueuedWork.class).name("work").implementation(new PoisonMessageTest.Work())
                .endpoint(null, "jms:queue:parked", BindingConfig.of("soap-jms", Map.of("url", broker.inVmUrl()))).build();
             Connection connection = broker.connectionFactory().createConnection()) {
            host.open();
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("parked"));
            int count = 150;
            byte[] junk = new byte[1024]; // 150 of them: over twice the limit
            jakarta.jms.QueueBrowser requests = session.createBrowser(session.createQueue("parked"));
            for (int i = 0; i < count; i++) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(junk);
                m.setStringProperty("SOAPJMS_bindingVersion", "1.0");
                m.setStringProperty("SOAPJMS_contentType", "text/xml; charset=UTF-8");
                producer.send(m);
                // one at a time: the request queue has the same limit, and a full one refuses the sender (as it should)
                long until = System.nanoTime() + 10_000_000_000L;
                while (requests.getEnumeration().hasMoreElements() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
            }
            // each message parked exactly once: counted by its original id as the dead-letter queue is drained
            jakarta.jms.MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.parked"));
            java.util.Set<String> originals = new java.util.HashSet<>();
            int parked = 0;
            for (jakarta.jms.Message m = dlq.receive(30_000); m != null; m = dlq.receive(parked >= count ? 1_000 : 30_000)) {
                parked++;
                originals.add(m.getStringProperty("wcf4j_originalMessageId"));
            }
            assertThat(parked).as("every unreadable message parked, none left redelivering").isEqualTo(count);
            assertThat(originals).hasSize(count);
            try (ChannelFactory<QueuedWork> factory = ChannelFactory.builder(QueuedWork.class).address("jms:queue:parked")
                    .binding(BindingConfig.of("soap-jms", Map.of("url", broker.inVmUrl()))).build()) {
                assertThat(factory.createChannel().ping("still")).isEqualTo("pong still");
            }
        } finally {
            broker.close();
        }
    }
}
