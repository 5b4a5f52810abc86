package io.wcf4j.bench;

import io.wcf4j.ChannelFactory;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.TransferRequest;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import tools.jackson.databind.ObjectMapper;

/** The targets: every wcf4j binding of the console host, and the raw baselines beside them. */
final class Targets {
    static final BigDecimal CENT = new BigDecimal("0.01");
    /** The raw baseline broker's client account (the bench's own, not a secret of anything). */
    static final String RAW_BROKER_USER = "raw-client";
    static final String RAW_BROKER_PASSWORD = "raw-client-secret";

    private Targets() {
    }

    /** Account ids a ledger target works on. */
    record Accounts(long from, long to, long oneWayTo, long statement) {
    }

    /** A wcf4j binding: a ChannelFactory proxy of the ledger; applied one-way calls are read over {@code checker}. */
    static Target binding(String name, String baseline, long pid, ChannelFactory<Ledger> factory, Accounts a, Ledger checker) {
        Ledger ledger = factory.createChannel();
        return new Named(name, baseline, pid) {

            @Override
            public Call lookup() {
                return () -> check(ledger.getAccount(a.from()).getId() == a.from(), "wrong account");
            }

            @Override
            public Call transfer() {
                return () -> check(ledger.transfer(new TransferRequest(UUID.randomUUID().toString(), a.from(), a.to(), CENT))
                        .getAmount().compareTo(CENT) == 0, "wrong receipt");
            }

            @Override
            public Call submit() {
                return () -> ledger.submitTransfer(new TransferRequest(UUID.randomUUID().toString(), a.from(), a.oneWayTo(), CENT));
            }

            @Override
            public long applied() throws Exception {
                return checker.getAccount(a.oneWayTo()).getBalance().movePointRight(2).longValueExact();
            }

            @Override
            public Call largePayload() {
                return () -> check(ledger.getStatement(a.statement(), 1000).getEntries().size() == 1000, "short statement");
            }

            @Override
            public void close() {
                factory.close();
            }
        };
    }

    /** A wcf4j binding measured for its one-way calls only (submitTransfer until applied), for a host configuration compared. */
    static Target oneWayOnly(String name, long pid, ChannelFactory<Ledger> factory, long from, long to, Ledger checker) {
        Ledger ledger = factory.createChannel();
        return new Named(name, null, pid) {
            @Override
            public Call lookup() {
                return null;
            }

            @Override
            public Call submit() {
                return () -> ledger.submitTransfer(new TransferRequest(UUID.randomUUID().toString(), from, to, CENT));
            }

            @Override
            public long applied() throws Exception {
                return checker.getAccount(to).getBalance().movePointRight(2).longValueExact();
            }

            @Override
            public void close() {
                factory.close();
            }
        };
    }

    /**
     * A wcf4j binding measured for latency and throughput only (getAccount), for rows that compare one host
     * configuration with another (observability on and off).
     */
    static Target lookupOnly(String name, String baseline, long pid, ChannelFactory<Ledger> factory, long account) {
        Ledger ledger = factory.createChannel();
        return new Named(name, baseline, pid) {
            @Override
            public Call lookup() {
                return () -> check(ledger.getAccount(account).getId() == account, "wrong account");
            }

            @Override
            public void close() {
                factory.close();
            }
        };
    }

    /** A plain CXF JAX-WS endpoint called with CXF's default client (no wcf4j on either side). */
    static Target plainCxf(long pid, String address, long from, long to, long statement) throws Exception {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(Ledger.class);
        f.setAddress(address);
        Ledger ledger = (Ledger) f.create();
        // the statement read in full is 1,000 entries, as the wcf4j rows' is (the transfer scenario alone may make fewer)
        for (int i = ledger.getStatement(statement, 1000).getEntries().size(); i < 1000; i++) {
            ledger.transfer(new TransferRequest(UUID.randomUUID().toString(), statement, to, CENT));
        }
        return new Named("plain CXF", null, pid) {

            @Override
            public Call lookup() {
                return () -> check(ledger.getAccount(from).getId() == from, "wrong account");
            }

            @Override
            public Call transfer() {
                return () -> check(ledger.transfer(new TransferRequest(UUID.randomUUID().toString(), from, to, CENT))
                        .getAmount().compareTo(CENT) == 0, "wrong receipt");
            }

            @Override
            public Call largePayload() {
                return () -> check(ledger.getStatement(statement, 1000).getEntries().size() == 1000, "short statement");
            }
        };
    }

    /** A plain Jersey resource called with the JDK's HTTP client, JSON read with the same Jackson mapper. */
    static Target plainJersey(long pid, String base, long from, long to, long statement) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ObjectMapper json = DataContractMapper.json();
        return new Named("plain Jersey", null, pid) {

            @Override
            public Call lookup() {
                HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/accounts/" + from)).GET().build();
                return () -> {
                    HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                    check(r.statusCode() == 200 && json.readValue(r.body(), Account.class).getId() == from, "wrong account");
                };
            }

            @Override
            public Call transfer() {
                return () -> {
                    byte[] body = json.writeValueAsBytes(new TransferRequest(UUID.randomUUID().toString(), from, to, CENT));
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/transfers"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    check(r.statusCode() == 200, "transfer failed: " + r.statusCode() + " " + new String(r.body()));
                };
            }

            @Override
            public Call largePayload() {
                HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/accounts/" + statement + "/statement?limit=1000")).GET().build();
                return () -> {
                    HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                    check(r.statusCode() == 200 && json.readTree(r.body()).path("entries").size() == 1000, "short statement");
                };
            }
        };
    }

    /** Raw JMS on Artemis: request-reply to an echo consumer, persistent one-way sends to a transacted consumer. */
    static Target rawArtemis(long pid, String url, int requestBytes, int replyBytes, int oneWayBytes) throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, RAW_BROKER_USER, RAW_BROKER_PASSWORD);
        Connection connection = cf.createConnection();
        connection.start();
        AtomicLong sent = new AtomicLong();
        Session admin = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        List<Session> sessions = new ArrayList<>();
        return new Named("raw Artemis JMS", null, pid) {

            @Override
            public synchronized Call lookup() throws Exception {
                Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                sessions.add(s);
                Queue echo = s.createQueue("raw.echo");
                TemporaryQueue replies = s.createTemporaryQueue();
                MessageProducer p = s.createProducer(echo);
                MessageConsumer c = s.createConsumer(replies);
                byte[] request = new byte[requestBytes];
                ByteBuffer.wrap(request).putInt(replyBytes);
                return () -> {
                    BytesMessage m = s.createBytesMessage();
                    m.writeBytes(request);
                    m.setJMSReplyTo(replies);
                    p.send(m, DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY, 30_000);
                    Message reply = c.receive(30_000);
                    check(reply instanceof BytesMessage b && b.getBodyLength() == replyBytes, "no reply");
                };
            }

            @Override
            public synchronized Call submit() throws Exception {
                Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                sessions.add(s);
                MessageProducer p = s.createProducer(s.createQueue("raw.oneway"));
                return () -> {
                    // a request id (the consumer makes a ledger transfer of it), padded to the size of a SOAP envelope
                    byte[] body = new byte[oneWayBytes];
                    byte[] id = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    System.arraycopy(id, 0, body, 0, id.length);
                    BytesMessage m = s.createBytesMessage();
                    m.writeBytes(body);
                    p.send(m, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, 0);
                    sent.incrementAndGet();
                };
            }

            @Override
            public synchronized long applied() throws Exception {
                long waiting = ((ActiveMQSession) admin).getCoreSession().queueQuery(SimpleString.of("raw.oneway")).getMessageCount();
                return sent.get() - waiting;
            }

            @Override
            public void close() throws Exception {
                connection.close();
                cf.close();
            }
        };
    }

    /** Raw Java sockets, a connection per calling thread: the physical floor. */
    static Target rawSocket(String name, long pid, SocketOpener opener, int requestBytes, int replyBytes) {
        List<SocketChannel> open = new ArrayList<>();
        return new Named(name, null, pid) {

            @Override
            public synchronized Call lookup() throws IOException {
                SocketChannel c = opener.open();
                open.add(c);
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
                DataInputStream in = new DataInputStream(Channels.newInputStream(c));
                byte[] request = new byte[requestBytes];
                ByteBuffer.wrap(request).putInt(requestBytes).putInt(replyBytes);
                byte[] reply = new byte[replyBytes];
                return () -> {
                    out.write(request);
                    out.flush();
                    in.readFully(reply);
                };
            }

            @Override
            public synchronized void close() throws IOException {
                for (SocketChannel c : open) {
                    c.close();
                }
            }
        };
    }

    /**
     * gRPC-java unary of the same bytes, one channel shared by every caller, as a gRPC user would; the unshaded
     * transport is compared with the shaded one.
     */
    static Target grpc(GrpcBaseline.Transport transport, long pid, int port, int requestBytes, int replyBytes) {
        GrpcBaseline.Client client = new GrpcBaseline.Client(transport, port, requestBytes, replyBytes);
        return new Named(transport.target, transport == GrpcBaseline.Transport.SHADED ? null : GrpcBaseline.Transport.SHADED.target, pid) {

            @Override
            public Call lookup() {
                return () -> check(client.call().length == replyBytes, "wrong reply");
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** A target's identity: its name, its baseline (null for a baseline) and the process that serves it. */
    private abstract static class Named implements Target {
        private final String name;
        private final String baseline;
        private final long pid;

        Named(String name, String baseline, long pid) {
            this.name = name;
            this.baseline = baseline;
            this.pid = pid;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String baseline() {
            return baseline;
        }

        @Override
        public long serverPid() {
            return pid;
        }
    }

    interface SocketOpener {
        SocketChannel open() throws IOException;
    }

    static SocketChannel tcp(int port) throws IOException {
        SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        c.socket().setTcpNoDelay(true);
        return c;
    }

    static SocketChannel uds(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        return c;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
