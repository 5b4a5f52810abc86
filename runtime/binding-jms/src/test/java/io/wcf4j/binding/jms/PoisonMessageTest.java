package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Poison messages: an operation that always fails ends in the dead-letter queue after the configured attempts,
 * messages that cannot be read go there at once, and the consumers keep taking the other messages meanwhile.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoisonMessageTest {
    private static final EmbeddedArtemis BROKER = TestBroker.start();
    private static final int MAX_ATTEMPTS = 3;
    private static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private static final Map<String, List<Long>> attemptedAt = new ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<String> processed = new ConcurrentLinkedQueue<>();
    private static final Map<String, AtomicInteger> pings = new ConcurrentHashMap<>();

    private static ServiceHost host;
    private static ChannelFactory<QueuedWork> factory;
    private static Connection connection;
    private static Session session;

    public static final class Work implements QueuedWork {
        @Override
        public void process(String token) {
            attempts.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            attemptedAt.computeIfAbsent(token, t -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(System.nanoTime());
            if (token.startsWith("poison")) {
                throw new IllegalStateException("cannot process " + token);
            }
            if (token.startsWith("heals") && attempts.get(token).get() < MAX_ATTEMPTS + 2) {
                throw new IllegalStateException("not yet: " + token);
            }
            processed.add(token);
        }

        @Override
        public String ping(String text) {
            pings.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
            if (text.startsWith("slow")) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "pong " + text;
        }
    }

    private static BindingConfig binding() {
        return BindingConfig.of("soap-jms", Map.of("url", BROKER.inVmUrl(), "max-delivery-attempts", MAX_ATTEMPTS,
                "redelivery-delay", "200ms", "concurrency", 2, "max-received-message-size", "64KB"));
    }

    @BeforeAll
    static void start() throws Exception {
        host = ServiceHost.builder(QueuedWork.class).name("work").implementation(new Work())
                .endpoint(null, "jms:queue:work", binding()).build();
        host.open();
        factory = ChannelFactory.builder(QueuedWork.class).address("jms:queue:work").binding(binding()).build();
        connection = BROKER.connectionFactory().createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (factory != null) {
            factory.close();
        }
        if (host != null) {
            host.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void failingOperation_goesToTheDeadLetterQueueAfterTheConfiguredAttempts_whileOthersFlow() throws Exception {
        QueuedWork work = factory.createChannel();
        work.process("poison-1");
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            good.add("good-" + i);
            work.process("good-" + i);
        }
        waitUntil(() -> processed.containsAll(good));
        Message dead = receive("DLQ.work", 10_000);
        assertThat(dead).as("the poison message reached the dead-letter queue").isNotNull();
        assertThat(attempts.get("poison-1").get()).as("tried exactly max-delivery-attempts times").isEqualTo(MAX_ATTEMPTS);
        assertThat(dead.getIntProperty("wcf4j_attempt")).isEqualTo(MAX_ATTEMPTS);
        assertThat(dead.getStringProperty("wcf4j_errorCode")).isEqualTo("INTERNAL");
        assertThat(dead.getStringProperty("wcf4j_originalQueue")).isEqualTo("work");
        assertThat(dead.getStringProperty("SOAPJMS_bindingVersion")).as("the original properties are kept").isEqualTo("1.0");
        assertThat(new String(bodyOf(dead), java.nio.charset.StandardCharsets.UTF_8)).as("the body is kept").contains("poison-1");
        Thread.sleep(500);
        assertThat(attempts.get("poison-1").get()).as("no attempt after dead-lettering").isEqualTo(MAX_ATTEMPTS);
        assertThat(good).allSatisfy(t -> assertThat(attempts.get(t).get()).as(t).isEqualTo(1));
        // the wait doubles from one attempt to the next (200, 400, 800 ms ...): never shorter, whatever the machine
        List<Long> at = attemptedAt.get("poison-1");
        for (int i = 1; i < at.size(); i++) {
            assertThat((at.get(i) - at.get(i - 1)) / 1_000_000).as("wait before attempt %d", i + 1)
                    .isGreaterThanOrEqualTo((200L << (i - 1)) * 9 / 10);
        }
    }

    @Test
    void unreadableMessages_goToTheDeadLetterQueueAtOnce_andConsumptionGoesOn() throws Exception {
        Queue queue = session.createQueue("work");
        MessageProducer producer = session.createProducer(queue);
        // not SOAP at all
        TextMessage notSoap = session.createTextMessage("hello, this is not an envelope");
        soapJms(notSoap, "text/xml; charset=UTF-8");
        producer.send(notSoap);
        // a SOAP envelope without the SOAP/JMS properties
        TextMessage noProperties = session.createTextMessage(envelope("no-properties"));
        producer.send(noProperties);
        // a wrong binding version
        TextMessage wrongVersion = session.createTextMessage(envelope("wrong-version"));
        soapJms(wrongVersion, "text/xml; charset=UTF-8");
        wrongVersion.setStringProperty("SOAPJMS_bindingVersion", "9.9");
        producer.send(wrongVersion);
        // a huge body: 3 MB against a 64 KB limit
        BytesMessage huge = session.createBytesMessage();
        huge.writeBytes(envelope("x".repeat(3 * 1024 * 1024)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        soapJms(huge, "text/xml; charset=UTF-8");
        producer.send(huge);
        // a huge text: 3 MB, refused from its size before its text is made
        TextMessage hugeText = session.createTextMessage(envelope("y".repeat(3 * 1024 * 1024)));
        soapJms(hugeText, "text/xml; charset=UTF-8");
        producer.send(hugeText);
        // neither bytes nor text
        Message map = session.createMapMessage();
        soapJms(map, "text/xml; charset=UTF-8");
        producer.send(map);
        // valid XML for an operation the contract does not have
        TextMessage unknownOp = session.createTextMessage(envelope("x").replace("ns:process", "ns:launchMissiles"));
        soapJms(unknownOp, "text/xml; charset=UTF-8");
        producer.send(unknownOp);

        List<String> codes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Message dead = receive("DLQ.work", 10_000);
            assertThat(dead).as("dead letter " + (i + 1) + " of 7").isNotNull();
            codes.add(dead.getStringProperty("wcf4j_errorCode"));
            reasons.add(dead.getStringProperty("wcf4j_errorMessage"));
            assertThat(dead.getStringProperty("wcf4j_errorMessage")).isNotBlank();
        }
        assertThat(codes).containsExactlyInAnyOrder("INVALID_ARGUMENT", "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                "MESSAGE_TOO_LARGE", "MESSAGE_TOO_LARGE", "INVALID_ARGUMENT", "UNKNOWN_OPERATION");
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("refused before it was read"));

        // the consumers are still there: a well-formed one-way call and a request-reply call both go through
        QueuedWork work = factory.createChannel();
        work.process("after-garbage");
        waitUntil(() -> processed.contains("after-garbage"));
        assertThat(work.ping("still")).isEqualTo("pong still");
    }

    @Test
    void deadLetterMovedBack_getsAFreshSetOfAttempts() throws Exception {
        factory.createChannel().process("heals-later");
        Message dead = receive("DLQ.work", 10_000);
        assertThat(dead).isNotNull();
        assertThat(dead.getBooleanProperty("wcf4j_deadLettered")).isTrue();
        assertThat(attempts.get("heals-later").get()).isEqualTo(MAX_ATTEMPTS);
        // an operator moves it back (as `artemis queue move` would): it fails once more, then succeeds on a retry
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            s.createProducer(s.createQueue("work")).send(dead);
        }
        waitUntil(() -> processed.contains("heals-later"));
        assertThat(attempts.get("heals-later").get()).isEqualTo(MAX_ATTEMPTS + 2);
    }

    @Test
    void callerGoneBeforeItsReply_theCallRunsOnce_andConsumptionGoesOn() throws Exception {
        // a request-reply call whose caller disconnects (its temporary reply queue goes with it) while it runs
        Connection caller = BROKER.connectionFactory().createConnection();
        caller.start();
        Session s = caller.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TextMessage request = s.createTextMessage("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><ns:ping xmlns:ns=\"urn:wcf4j:test:queued\"><ns:text>slow-gone</ns:text></ns:ping></soap:Body></soap:Envelope>");
        soapJms(request, "text/xml; charset=UTF-8");
        request.setJMSReplyTo(s.createTemporaryQueue());
        s.createProducer(s.createQueue("work")).send(request);
        waitUntil(() -> pings.containsKey("slow-gone"));
        caller.close();
        Thread.sleep(1000);
        assertThat(pings.get("slow-gone").get()).as("run once, not again and again for a reply nobody can receive").isEqualTo(1);
        assertThat(factory.createChannel().ping("next")).isEqualTo("pong next");
    }

    private static void soapJms(Message m, String contentType) throws Exception {
        m.setStringProperty("SOAPJMS_bindingVersion", "1.0");
        m.setStringProperty("SOAPJMS_contentType", contentType);
        m.setStringProperty("SOAPJMS_requestURI", "jms:queue:work");
    }

    private static String envelope(String token) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<ns:process xmlns:ns=\"urn:wcf4j:test:queued\"><ns:token>" + token + "</ns:token></ns:process>"
                + "</soap:Body></soap:Envelope>";
    }

    private static Message receive(String queue, long timeoutMs) throws Exception {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
            return c.receive(timeoutMs);
        }
    }

    private static byte[] bodyOf(Message m) throws Exception {
        if (m instanceof TextMessage t) {
            return t.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        BytesMessage b = (BytesMessage) m;
        byte[] body = new byte[(int) b.getBodyLength()];
        b.readBytes(body);
        return body;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 20 s").isTrue();
    }
}
