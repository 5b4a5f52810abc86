package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A consumer whose session breaks under it opens a new one and consumes on; it does not spin on a dead session. */
class ConsumerSessionRecoveryTest {
    private static final EmbeddedArtemis BROKER = TestBroker.start();

    @Test
    void aSessionThatKeepsFailing_isReplaced_andConsumptionGoesOn() throws Exception {
        BlockingQueue<String> consumed = new LinkedBlockingQueue<>();
        AtomicInteger opened = new AtomicInteger();
        accepting = true;
        try (Connection connection = BROKER.connectionFactory().createConnection()) {
            connection.start();
            Session first = connection.createSession(true, Session.SESSION_TRANSACTED);
            JmsConsumerLoop loop = new JmsConsumerLoop(new JmsAddress("recovery"), first, () -> {
                opened.incrementAndGet();
                return connection.createSession(true, Session.SESSION_TRANSACTED);
            }, (session, producer, m) -> {
                // settled before the test sees it, so that breaking the session cannot put it back on the queue
                String text = ((TextMessage) m).getText();
                session.commit();
                consumed.add(text);
            }, () -> accepting, () -> !accepting);
            Thread t = new Thread(loop, "recovery-consumer");
            t.start();
            try (Session send = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                MessageProducer producer = send.createProducer(send.createQueue("recovery"));
                producer.send(send.createTextMessage("before"));
                assertThat(consumed.poll(10, TimeUnit.SECONDS)).isEqualTo("before");
                // the session breaks under the consumer: every receive fails from now on
                first.close();
                producer.send(send.createTextMessage("after"));
                assertThat(consumed.poll(20, TimeUnit.SECONDS)).as("consumed on a new session").isEqualTo("after");
                assertThat(opened.get()).isEqualTo(1);
            } finally {
                accepting = false;
                t.join(5_000);
            }
            assertThat(t.isAlive()).as("the loop ends when the listener stops accepting").isFalse();
        }
    }

    private static volatile boolean accepting;
}
