package io.wcf4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;

/**
 * Messages put on a SOAP/JMS endpoint's queue through the embedded broker, as any client process would: text or bytes,
 * with or without the SOAP/JMS properties, any content type and body. Every one is answered on its reply queue, in
 * time (so the listener lives and nothing accepted is dropped), and no answer is the framework's own failure.
 *
 * <p>The input: byte 0 holds flags (1: a BytesMessage, else text; 2: {@code SOAPJMS_bindingVersion} 1.0; 4: the content
 * type of line 1, else none), then line 1, then the body.
 */
class SoapJmsMessageFuzzTest {
    private static ServiceHost host;
    private static Connection connection;
    private static Session session;
    private static MessageProducer producer;
    private static TemporaryQueue replies;
    private static MessageConsumer answers;
    private static java.nio.file.Path brokerData;

    /**
     * Opened at the first input, not before the class: Jazzer instruments the classes loaded after it starts, and the
     * host's are what it should see.
     */
    private static void open() throws Exception {
        brokerData = Files.createTempDirectory("wcf4j-fuzz-artemis");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        host = ServiceHost.builder(Fuzzed.class).implementation(new FuzzedService())
                .endpoint("fuzz-jms", "jms:queue:fuzz.requests", BindingConfig.of("soap-jms", Map.of(
                        "embedded-data-directory", brokerData.toString(),
                        "embedded-acceptor", "tcp://127.0.0.1:" + port,
                        "embedded-user", "fuzz-client", "embedded-password", "fuzz-client-secret",
                        "max-received-message-size", 64 * 1024)))
                .build();
        host.open();
        connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port).createConnection("fuzz-client", "fuzz-client-secret");
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue requests = session.createQueue("fuzz.requests");
        producer = session.createProducer(requests);
        replies = session.createTemporaryQueue();
        answers = session.createConsumer(replies);
    }

    @AfterAll
    static void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (host != null) {
            host.close();
        }
        if (brokerData != null) {
            try (var files = Files.walk(brokerData)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @FuzzTest
    void messages(byte[] input) throws Exception {
        // Jazzer resets what is allowed before each input
        LoopbackOnly.allow();
        if (host == null) {
            open();
        }
        int flags = input.length == 0 ? 0 : input[0];
        int newline = 1;
        while (newline < input.length && input[newline] != '\n') {
            newline++;
        }
        String contentType = input.length <= 1 ? "" : new String(input, 1, Math.min(newline, input.length) - 1, StandardCharsets.UTF_8);
        byte[] body = newline + 1 >= input.length ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        Message m;
        if ((flags & 1) != 0) {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(body);
            m = bytes;
        } else {
            m = session.createTextMessage(new String(body, StandardCharsets.UTF_8));
        }
        if ((flags & 2) != 0) {
            m.setStringProperty("SOAPJMS_bindingVersion", "1.0");
        }
        if ((flags & 4) != 0) {
            m.setStringProperty("SOAPJMS_contentType", contentType);
        }
        String id = UUID.randomUUID().toString();
        m.setJMSCorrelationID(id);
        m.setJMSReplyTo(replies);
        producer.send(m);
        Message answer = answers.receive(10_000);
        if (answer == null) {
            throw new AssertionError("no answer within 10 s: the message was dropped or the listener stopped");
        }
        if (!id.equals(answer.getJMSCorrelationID())) {
            throw new AssertionError("an answer to another message: " + answer.getJMSCorrelationID());
        }
        String text = answer instanceof TextMessage t ? t.getText()
                : new String(((BytesMessage) answer).getBody(byte[].class), StandardCharsets.UTF_8);
        Answers.checkNotInternal(text == null ? "" : text);
    }
}
