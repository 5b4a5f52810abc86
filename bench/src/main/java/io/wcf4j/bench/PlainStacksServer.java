package io.wcf4j.bench;

import io.wcf4j.binding.jms.EmbeddedArtemis;
import io.wcf4j.sample.ledger.service.JdbcLedgerService;
import io.wcf4j.sample.ledger.service.LedgerOptions;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The plain stacks the bindings are compared with, in one JVM and with no wcf4j code in their path:
 * <ul>
 *   <li>a plain CXF JAX-WS endpoint at {@code /cxf/ledger} and a plain Jersey resource at {@code /jersey/ledger},
 *       on an embedded Tomcat, both serving the ledger over the same H2 work as the console host;</li>
 *   <li>an embedded Artemis broker (TCP acceptor) with raw JMS consumers: {@code raw.echo} answers each
 *       request on its JMSReplyTo, {@code raw.oneway} consumes in a transacted session and commits per message,
 *       the durability the soap-jms binding gives.</li>
 * </ul>
 * Usage: {@code PlainStacksServer <httpPort> <jmsPort> <dataDir>}; prints {@code plain ready account=<id>}.
 */
public final class PlainStacksServer {
    static final AtomicLong ONE_WAY_CONSUMED = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        int jmsPort = Integer.parseInt(args[1]);
        Path data = Path.of(args[2]);

        // pooled, as the console host's Hikari pool is: an H2 file connection per call would cost milliseconds
        JdbcConnectionPool ds = JdbcConnectionPool.create("jdbc:h2:file:" + data.resolve("plain-ledger").toAbsolutePath()
                + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "");
        ds.setMaxConnections(16);
        JdbcLedgerService ledger = new JdbcLedgerService(ds, LedgerOptions.defaults());
        long account = ledger.openAccount("plain-bench", new BigDecimal("1000000.00")).getId();
        long target = ledger.openAccount("plain-bench-target", new BigDecimal("0.00")).getId();
        PlainLedgerResource resource = new PlainLedgerResource(ledger);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(data.resolve("tomcat").toString());
        tomcat.setPort(httpPort);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", null);

        Bus bus = BusFactory.newInstance().createBus();
        CXFNonSpringServlet cxf = new CXFNonSpringServlet();
        cxf.setBus(bus);
        Tomcat.addServlet(ctx, "cxf", cxf).setLoadOnStartup(1);
        ctx.addServletMappingDecoded("/cxf/*", "cxf");
        // Jersey's own Jackson (2) configured for the same data contracts as wcf4j's REST binding: the comparison is of the stacks
        jakarta.ws.rs.ext.ContextResolver<com.fasterxml.jackson.databind.ObjectMapper> mapper = type -> PlainJerseyMapper.json();
        ServletContainer jersey = new ServletContainer(new ResourceConfig().registerInstances(new PlainJerseyResource(ledger)).register(JacksonFeature.class)
                .register(mapper, jakarta.ws.rs.ext.ContextResolver.class));
        Tomcat.addServlet(ctx, "jersey", jersey).setLoadOnStartup(1);
        ctx.addServletMappingDecoded("/jersey/*", "jersey");
        tomcat.start();
        JaxWsServerFactoryBean sf = new JaxWsServerFactoryBean();
        sf.setBus(bus);
        sf.setServiceClass(io.wcf4j.sample.ledger.Ledger.class);
        sf.setServiceBean(resource);
        sf.setAddress("/ledger");
        sf.create();

        // secured as the host's embedded broker is, so that the comparison is like for like
        EmbeddedArtemis broker = EmbeddedArtemis.start(data.resolve("artemis"), "tcp://127.0.0.1:" + jmsPort,
                Targets.RAW_BROKER_USER, Targets.RAW_BROKER_PASSWORD, EmbeddedArtemis.DEFAULT_MAX_ADDRESS_SIZE);
        ActiveMQConnectionFactory cf = broker.connectionFactory();
        Connection connection = cf.createConnection();
        for (int i = 0; i < 4; i++) {
            Session s = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer echo = s.createConsumer(s.createQueue("raw.echo"));
            Thread t = new Thread(() -> echoLoop(s, echo), "raw-echo-" + i);
            t.setDaemon(true);
            t.start();
            Session o = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer oneWay = o.createConsumer(o.createQueue("raw.oneway"));
            Thread u = new Thread(() -> oneWayLoop(o, oneWay, ledger, account, target), "raw-oneway-" + i);
            u.setDaemon(true);
            u.start();
        }
        connection.start();
        System.out.println("plain ready account=" + account + " target=" + target);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void echoLoop(Session s, MessageConsumer consumer) {
        try (MessageProducer producer = s.createProducer(null)) {
            while (true) {
                Message m = consumer.receive();
                BytesMessage in = (BytesMessage) m;
                byte[] body = new byte[(int) in.getBodyLength()];
                in.readBytes(body);
                BytesMessage reply = s.createBytesMessage();
                reply.writeBytes(new byte[java.nio.ByteBuffer.wrap(body).getInt()]);
                reply.setJMSCorrelationID(m.getJMSCorrelationID());
                producer.send(m.getJMSReplyTo(), reply, m.getJMSDeliveryMode(), Message.DEFAULT_PRIORITY, 0);
                s.commit();
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /** The same work as the ledger's submitTransfer, committed with the message: what SOAP/JMS does, minus wcf4j. */
    private static void oneWayLoop(Session s, MessageConsumer consumer, JdbcLedgerService ledger, long from, long to) {
        try {
            while (true) {
                Message m = consumer.receive();
                byte[] body = new byte[(int) ((BytesMessage) m).getBodyLength()];
                ((BytesMessage) m).readBytes(body);
                String requestId = new String(body, 0, 36, java.nio.charset.StandardCharsets.US_ASCII);
                ledger.submitTransfer(new io.wcf4j.sample.ledger.TransferRequest(requestId, from, to, new BigDecimal("0.01")));
                s.commit();
                ONE_WAY_CONSUMED.incrementAndGet();
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
