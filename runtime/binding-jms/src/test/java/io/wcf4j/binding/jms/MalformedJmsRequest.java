package io.wcf4j.binding.jms;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** Puts on a service's queue a message that is no SOAP/JMS request (no binding version, no content type). */
public final class MalformedJmsRequest {
    private MalformedJmsRequest() {
    }

    public static void send(ActiveMQConnectionFactory broker, String jmsAddress) throws Exception {
        String queue = jmsAddress.substring("jms:queue:".length());
        try (ActiveMQConnectionFactory cf = broker;
             Connection c = cf.createConnection();
             Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer p = s.createProducer(s.createQueue(queue))) {
            p.send(s.createTextMessage("this is not a SOAP envelope"));
        }
    }
}
