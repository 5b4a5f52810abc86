package io.wcf4j.binding.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and broken peers on a raw socket: each gets a fault frame or a closed connection, and a proxy on
 * another connection keeps being served (checked after every test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileFramesTest {
    private static final int LIMIT = 64 * 1024;
    private final PayloadCodec codec = new PayloadCodec();
    private ServiceHost host;
    private int port;
    private ChannelFactory<ConformanceService> factory;

    @BeforeAll
    void start() {
        host = ServiceHost.builder(ConformanceService.class).implementation(new ConformanceServiceImpl())
                .endpoint(null, "net.tcp://127.0.0.1:0/svc", BindingConfig.of("net-tcp", Map.of(
                        "max-received-message-size", LIMIT, "handshake-timeout", "500ms", "max-connections", 50,
                        "frame-timeout", "1s")))
                .build();
        host.open();
        port = host.endpoints().get(0).address().getPort();
        factory = ChannelFactory.create(ConformanceService.class, "net.tcp://127.0.0.1:" + port + "/svc", "net-tcp");
    }

    @AfterAll
    void stop() {
        factory.close();
        host.close();
    }

    @AfterEach
    void otherConnectionsAreStillServed() {
        assertThat(factory.createChannel().echo("still here")).isEqualTo("still here");
    }

    private String code(Frame fault) throws IOException {
        assertThat(fault.type()).isEqualTo(FrameType.FAULT);
        JsonNode n = codec.decodeTree(fault.payload());
        return n.path("code").asString();
    }

    @Test
    void wrongPreamble_getsAFaultAndAClosedConnection() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            r.out.flush();
            Frame f = r.read();
            assertThat(code(f)).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.closedByServer()).isTrue();
        }
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/no-such-endpoint");
            assertThat(code(r.read())).isEqualTo("UNKNOWN_OPERATION");
            assertThat(r.closedByServer()).isTrue();
        }
    }

    /** Each refusal of docs/tcp-framing.md's preamble table: its code in a FAULT with id 0, then the connection closed. */
    @Test
    void everyPreambleRefusal_hasTheDocumentedCode() throws IOException {
        byte[] longPath = ByteBuffer.allocate(8).put(Preamble.MAGIC).put((byte) 2).put((byte) 1).putShort((short) (Preamble.MAX_PATH + 1))
                .array();
        Map<String, byte[]> preambles = new java.util.LinkedHashMap<>();
        preambles.put("bad magic", "WCF5".getBytes(StandardCharsets.US_ASCII));
        preambles.put("version 3", new Preamble(3, 1, "/svc").encode());
        preambles.put("version 0", new Preamble(0, 1, "/svc").encode());
        preambles.put("encoding 2", new Preamble(2, 2, "/svc").encode());
        preambles.put("path too long", longPath);
        preambles.put("unknown path", new Preamble(2, 1, "/no-such-endpoint").encode());
        Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, byte[]> p : preambles.entrySet()) {
            try (RawConnection r = new RawConnection(port)) {
                r.out.write(p.getValue());
                r.out.flush();
                Frame f = r.read();
                assertThat(f.correlationId()).as(p.getKey()).isZero();
                codes.put(p.getKey(), code(f));
                assertThat(r.closedByServer()).as(p.getKey()).isTrue();
            }
        }
        assertThat(codes).containsExactly(Map.entry("bad magic", "INVALID_ARGUMENT"), Map.entry("version 3", "INVALID_ARGUMENT"),
                Map.entry("version 0", "INVALID_ARGUMENT"), Map.entry("encoding 2", "INVALID_ARGUMENT"),
                Map.entry("path too long", "INVALID_ARGUMENT"), Map.entry("unknown path", "UNKNOWN_OPERATION"));
    }

    /** CLOSE has no answer of its own: the calls in flight are answered, later ones refused, then the server closes. */
    @Test
    void close_answersTheCallsInFlight_refusesLaterOnes_andThenTheServerCloses() throws IOException {
        var model = io.wcf4j.model.ContractDescription.of(ConformanceService.class);
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(2, "/svc");
            r.frames(RawConnection.encode(0x01, 1, Map.of(), codec.encodeCall(model.operation("slow").orElseThrow(), new Object[] {300L})),
                    RawConnection.encode(0x09, 0, Map.of(), new byte[0]),
                    RawConnection.encode(0x01, 3, Map.of(), codec.encodeCall(model.operation("echo").orElseThrow(), new Object[] {"late"})));
            Frame refused = r.readAnswer();
            assertThat(refused.correlationId()).isEqualTo(3);
            assertThat(code(refused)).isEqualTo("UNAVAILABLE");
            Frame reply = r.read();
            assertThat(reply.type()).isEqualTo(FrameType.REPLY);
            assertThat(reply.correlationId()).isEqualTo(1);
            assertThat(r.closedByServer()).as("closed once the call in flight was answered").isTrue();
        }
    }

    /** The deadline header's format: decimal digits of milliseconds; anything else refused for that call only. */
    @Test
    void theDeadlineHeader_isDecimalMilliseconds_andAnythingElseIsRefusedForThatCall() throws IOException {
        var echo = io.wcf4j.model.ContractDescription.of(ConformanceService.class).operation("echo").orElseThrow();
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(2, "/svc");
            long id = 1;
            for (String bad : List.of("abc", "-5", "+5", "1.5", "5 ms", "", "0x10")) {
                r.frame(0x01, id, Map.of("deadline", bad), codec.encodeCall(echo, new Object[] {"x"}));
                Frame f = r.readAnswer();
                assertThat(f.correlationId()).isEqualTo(id);
                assertThat(code(f)).as("deadline '" + bad + "'").isEqualTo("INVALID_ARGUMENT");
                id += 2;
            }
            // no time left: not run, and not answered (nobody waits for it), so the next answer is the next call's
            r.frame(0x01, id, Map.of("deadline", "0"), codec.encodeCall(echo, new Object[] {"x"}));
            id += 2;
            // far beyond any real call: capped, not refused
            r.frame(0x01, id, Map.of("deadline", "99999999999999999999999"), codec.encodeCall(echo, new Object[] {"far"}));
            Frame far = r.readAnswer();
            assertThat(far.correlationId()).isEqualTo(id);
            assertThat(far.type()).isEqualTo(FrameType.REPLY);
            assertThat(codec.decodeTree(far.payload()).asString()).isEqualTo("far");
            r.frame(0x01, id + 2, Map.of("deadline", "5000"), codec.encodeCall(echo, new Object[] {"in time"}));
            assertThat(codec.decodeTree(r.readAnswer().payload()).asString()).isEqualTo("in time");
        }
    }

    @Test
    void aPrincipalHeaderFromAClient_isDropped_whileOtherHeadersAreMetadata() throws IOException {
        var callInfo = io.wcf4j.model.ContractDescription.of(ConformanceService.class).operation("callInfo").orElseThrow();
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            r.frame(0x01, 1, new java.util.LinkedHashMap<>(Map.of("principal", "admin", "x-other", "kept")),
                    codec.encodeCall(callInfo, new Object[] {"principal"}));
            JsonNode info = codec.decodeTree(r.readAnswer().payload());
            assertThat(info.path("principal").isNull() || info.path("principal").isMissingNode()).as(info.toString()).isTrue();
            assertThat(info.path("metadataValue").isNull() || info.path("metadataValue").isMissingNode())
                    .as("the claimed principal is not even metadata: %s", info).isTrue();
            r.frame(0x01, 3, Map.of("x-other", "kept"), codec.encodeCall(callInfo, new Object[] {"x-other"}));
            assertThat(codec.decodeTree(r.readAnswer().payload()).path("metadataValue").asString()).isEqualTo("kept");
        }
    }

    @Test
    void aOneWayCall_isAcknowledgedWithAnEmptyReply_fromVersion2() throws IOException {
        var fire = io.wcf4j.model.ContractDescription.of(ConformanceService.class).operation("fireAndForget").orElseThrow();
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(2, "/svc");
            r.frame(0x02, 5, codec.encodeCall(fire, new Object[] {"raw"}));
            Frame ack = r.readAnswer();
            assertThat(ack.type()).isEqualTo(FrameType.REPLY);
            assertThat(ack.correlationId()).isEqualTo(5);
            assertThat(ack.payload()).isEmpty();
        }
    }

    @Test
    void aVersion1Client_isStillServed_andItsOneWayCallsAreNotAcknowledged() throws IOException {
        var model = io.wcf4j.model.ContractDescription.of(ConformanceService.class);
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(1, "/svc");
            r.frame(0x02, 7, codec.encodeCall(model.operation("fireAndForget").orElseThrow(), new Object[] {"v1"}));
            r.frame(0x01, 9, codec.encodeCall(model.operation("echo").orElseThrow(), new Object[] {"after"}));
            Frame answer = r.readAnswer();
            assertThat(answer.correlationId()).as("the first answer is the request's: no acknowledgement came").isEqualTo(9);
            assertThat(codec.decodeTree(answer.payload()).asString()).isEqualTo("after");
        }
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(3, "/svc");
            assertThat(code(r.read())).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.closedByServer()).isTrue();
        }
    }

    @Test
    void cborOfDefiniteAndIndefiniteLengths_isReadAlike() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            // ["add", 20, 22] as an indefinite-length array: 9f, text(3) "add", 20, 22, break
            r.frame(0x01, 1, new byte[] {(byte) 0x9f, 0x63, 'a', 'd', 'd', 0x14, 0x16, (byte) 0xff});
            Frame sum = r.readAnswer();
            assertThat(sum.type()).isEqualTo(FrameType.REPLY);
            assertThat(codec.decodeTree(sum.payload()).asInt()).isEqualTo(42);
            // ["echoPayload", {"text": "d", "count": 3}] with a definite-length map (a2), where wcf4j writes indefinite ones
            java.io.ByteArrayOutputStream call = new java.io.ByteArrayOutputStream();
            call.write(new byte[] {(byte) 0x82, 0x6b});
            call.write("echoPayload".getBytes(StandardCharsets.UTF_8));
            call.write(new byte[] {(byte) 0xa2, 0x64, 't', 'e', 'x', 't', 0x61, 'd', 0x65, 'c', 'o', 'u', 'n', 't', 0x03});
            r.frame(0x01, 3, call.toByteArray());
            Frame echoed = r.readAnswer();
            assertThat(echoed.type()).as(codec.decodeTree(echoed.payload()).toString()).isEqualTo(FrameType.REPLY);
            JsonNode payload = codec.decodeTree(echoed.payload());
            assertThat(payload.path("text").asString()).isEqualTo("d");
            assertThat(payload.path("count").asInt()).isEqualTo(3);
            assertThat(echoed.payload()[0] & 0xff).as("wcf4j writes a data contract as an indefinite-length map").isEqualTo(0xbf);
        }
    }

    @Test
    void anArgumentOfTheWrongType_isRefusedInTheContractsTerms() throws IOException {
        io.wcf4j.model.ContractDescription contract = io.wcf4j.model.ContractDescription.of(ConformanceService.class);
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            r.frame(0x01, 1, codec.encodeCall(contract.operation("add").orElseThrow(), new Object[] {"forty", 2}));
            Frame f = r.readAnswer();
            assertThat(code(f)).isEqualTo("INVALID_ARGUMENT");
            String message = codec.decodeTree(f.payload()).path("message").asString();
            assertThat(message).startsWith("argument 'a' of add cannot be read: ").contains("an integer")
                    .doesNotContain("java.").doesNotContain("`").doesNotContain("Feature");
            java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("text", "t");
            payload.put("count", "many");
            r.frame(0x01, 3, codec.encodeCall(contract.operation("echoPayload").orElseThrow(), new Object[] {payload}));
            String nested = codec.decodeTree(r.readAnswer().payload()).path("message").asString();
            assertThat(nested).startsWith("argument 'payload' of echoPayload cannot be read: at 'count': ").contains("an integer")
                    .doesNotContain("java.").doesNotContain("`");
        }
    }

    @Test
    void aCallWithAnIdTheClientMayNotUse_isRefused() throws IOException {
        byte[] add = codec.encodeCall(io.wcf4j.model.ContractDescription.of(ConformanceService.class).operation("add").orElseThrow(),
                new Object[] {1, 2});
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            // an even id is the server's (its callbacks): that call is refused, the connection serves on
            r.frame(0x01, 4, add);
            Frame refused = r.readAnswer();
            assertThat(refused.correlationId()).isEqualTo(4);
            assertThat(code(refused)).isEqualTo("INVALID_ARGUMENT");
            assertThat(codec.decodeTree(refused.payload()).path("message").asString()).contains("odd ids");
            r.frame(0x01, 5, add);
            Frame served = r.readAnswer();
            assertThat(served.correlationId()).isEqualTo(5);
            assertThat(codec.decodeTree(served.payload()).asInt()).isEqualTo(3);
        }
        try (RawConnection r = new RawConnection(port)) {
            // id 0 is the connection's own: a call with it is a protocol error
            r.preamble("/svc");
            r.frame(0x01, 0, add);
            Frame f = r.readAnswer();
            assertThat(f.correlationId()).isZero();
            assertThat(code(f)).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.closedByServer()).isTrue();
        }
    }

    @Test
    void goodExchange_byHand_requestPingAndMetadata() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            r.frame(0x01, 1, codec.encodeCall(io.wcf4j.model.ContractDescription.of(ConformanceService.class)
                    .operation("add").orElseThrow(), new Object[] {20, 22}));
            Frame reply = r.readAnswer();
            assertThat(reply.type()).isEqualTo(FrameType.REPLY);
            assertThat(reply.correlationId()).isEqualTo(1);
            assertThat(codec.decodeTree(reply.payload()).asInt()).isEqualTo(42);
            r.frame(0x07, 3, new byte[0]);
            Frame pong = r.read();
            assertThat(pong.type()).isEqualTo(FrameType.PING);
            assertThat(pong.isResponse()).isTrue();
            r.frame(0x08, 5, new byte[0]);
            Frame meta = r.read();
            assertThat(meta.type()).isEqualTo(FrameType.METADATA);
            JsonNode description = codec.decodeTree(meta.payload());
            assertThat(description.path("contract").asString()).isEqualTo("Conformance");
            assertThat(description.path("operations").findValuesAsString("name")).contains("echo", "add", "fireAndForget");
            // types in contract terms, never a Java name
            JsonNode echoPayload = null;
            for (JsonNode op : description.path("operations")) {
                if (op.path("name").asString().equals("echoPayload")) {
                    echoPayload = op;
                }
            }
            assertThat(echoPayload).isNotNull();
            assertThat(echoPayload.path("parameters").get(0).path("type").path("kind").asString()).isEqualTo("object");
            String ref = echoPayload.path("returns").path("ref").asString();
            assertThat(description.path("types").path(ref).path("fields").toString())
                    .contains("{\"name\":\"amount\",\"type\":{\"kind\":\"decimal\"}}")
                    .contains("{\"name\":\"count\",\"type\":{\"kind\":\"integer\"}}");
            assertThat(description.toString()).doesNotContain("java.").doesNotContain("BigDecimal").doesNotContain("\"long\"");
        }
    }

    @Test
    void preambleAndFirstFrameInOnePacket_areServedInOrder() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            byte[] preamble = new Preamble(1, 1, "/svc").encode();
            byte[] payload = codec.encodeCall(io.wcf4j.model.ContractDescription.of(ConformanceService.class)
                    .operation("echo").orElseThrow(), new Object[] {"pipelined"});
            ByteBuffer b = ByteBuffer.allocate(preamble.length + 16 + payload.length);
            b.put(preamble).putInt(12 + payload.length).put((byte) 1).put((byte) 0).putLong(1).putShort((short) 0).put(payload);
            r.out.write(b.array());
            r.out.flush();
            assertThat(r.read().type()).isEqualTo(FrameType.PREAMBLE_ACK);
            Frame reply = r.read();
            assertThat(reply.type()).isEqualTo(FrameType.REPLY);
            assertThat(codec.decodeTree(reply.payload()).asString()).isEqualTo("pipelined");
        }
    }

    @Test
    void unknownFrameTypeAndUndecodablePayload_getFaultsAndTheConnectionLives() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            r.frame(0x7F, 1, new byte[0]);
            Frame unknown = r.readAnswer();
            assertThat(unknown.correlationId()).isEqualTo(1);
            assertThat(code(unknown)).isEqualTo("INVALID_ARGUMENT");
            r.frame(0x01, 3, new byte[] {(byte) 0xFF, 0x00, 0x13});
            Frame garbage = r.read();
            assertThat(garbage.correlationId()).isEqualTo(3);
            assertThat(code(garbage)).isEqualTo("INVALID_ARGUMENT");
            r.frame(0x01, 5, codec.encodeValue(new Object[] {"noSuchOperation"}));
            Frame noOp = r.read();
            assertThat(code(noOp)).isEqualTo("UNKNOWN_OPERATION");
            r.frame(0x01, 7, codec.encodeValue(new Object[] {"add", "one", 2}));
            assertThat(code(r.read())).isEqualTo("INVALID_ARGUMENT");
            r.frame(0x07, 9, new byte[0]);
            assertThat(r.read().type()).as("same connection still answers").isEqualTo(FrameType.PING);
        }
    }

    @Test
    void oversizedFrame_isSkippedAndFaultedForItsCallOnly() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            r.frame(0x01, 1, new byte[LIMIT + 100]);
            Frame f = r.readAnswer();
            assertThat(f.correlationId()).isEqualTo(1);
            assertThat(code(f)).isEqualTo("MESSAGE_TOO_LARGE");
            r.frame(0x07, 3, new byte[0]);
            assertThat(r.read().type()).isEqualTo(FrameType.PING);
        }
    }

    @Test
    void twoGibibyteLengthAndTruncatedFrames_closeTheConnection() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            r.out.write(ByteBuffer.allocate(16).putInt(0x7FFFFFFF).put((byte) 1).put((byte) 0).putLong(1).putShort((short) 0).array());
            r.out.flush();
            Frame f = r.readAnswer();
            assertThat(f.correlationId()).isZero();
            assertThat(code(f)).isEqualTo("MESSAGE_TOO_LARGE");
            assertThat(r.closedByServer()).isTrue();
        }
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            r.out.write(ByteBuffer.allocate(16).putInt(5).put((byte) 1).array(), 0, 5);
            r.out.write(new byte[11]);
            r.out.flush();
            Frame f = r.readAnswer();
            assertThat(code(f)).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.closedByServer()).isTrue();
        }
        try (RawConnection r = new RawConnection(port)) {
            // a whole frame announced shorter than a header, and nothing after it: refused at once (the read times out
            // after 5 s, well before the 30 s frame timeout), not left waiting for bytes that never come
            r.preamble("/svc");
            r.out.write(ByteBuffer.allocate(9).putInt(5).put(new byte[5]).array());
            r.out.flush();
            Frame f = r.readAnswer();
            assertThat(code(f)).isEqualTo("INVALID_ARGUMENT");
            assertThat(codec.decodeTree(f.payload()).path("message").asString()).contains("shorter than a frame header");
            assertThat(r.closedByServer()).isTrue();
        }
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            r.out.write(ByteBuffer.allocate(10).putInt(100).put((byte) 1).array(), 0, 8); // half a frame, then hang up
            r.out.flush();
        }
    }

    @Test
    void slowPreamble_isClosedAtTheHandshakeTimeout() throws Exception {
        try (RawConnection r = new RawConnection(port)) {
            r.socket.setSoTimeout(5000);
            r.out.write('W');
            r.out.flush();
            Thread.sleep(300);
            r.out.write('C');
            r.out.flush();
            long start = System.nanoTime();
            try {
                assertThat(r.in.read()).isEqualTo(-1);
            } catch (EOFException | java.net.SocketException e) {
                // closed by a reset: also a close
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
        }
    }

    @Test
    void frameTrickledAByteAtATime_isCutOffAtTheFrameTimeout() throws Exception {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            assertThat(r.read().type()).isEqualTo(FrameType.PREAMBLE_ACK);
            byte[] header = ByteBuffer.allocate(16).putInt(100).put((byte) 1).put((byte) 0).putLong(1).putShort((short) 0).array();
            long start = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < header.length && !cut; i++) {
                try {
                    r.out.write(header[i]);
                    r.out.flush();
                } catch (IOException e) {
                    cut = true;
                }
                Thread.sleep(250);
            }
            Frame f = r.read();
            assertThat(code(f)).isEqualTo("DEADLINE_EXCEEDED");
            assertThat(r.closedByServer()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4500);
        }
    }

    @Test
    void frameBegunThenAbandoned_isCutOffAtTheFrameTimeout() throws Exception {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble("/svc");
            assertThat(r.read().type()).isEqualTo(FrameType.PREAMBLE_ACK);
            long start = System.nanoTime();
            r.out.write(ByteBuffer.allocate(16).putInt(100).put((byte) 1).put((byte) 0).putLong(1).putShort((short) 0).array(), 0, 10);
            r.out.flush();
            Frame f = r.read(); // then nothing more is sent
            assertThat(code(f)).isEqualTo("DEADLINE_EXCEEDED");
            assertThat(r.closedByServer()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 4000L);
        }
    }

    @Test
    void thousandsOfConnectionsOpenedAndDropped_leaveTheServerServing() throws Exception {
        for (int i = 0; i < 2000; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                if (i % 3 == 0) {
                    s.getOutputStream().write(new Preamble(1, 1, "/svc").encode());
                }
            }
        }
        // the server notices the dropped connections asynchronously; until then it may refuse new ones as busy
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (ChannelFactory<ConformanceService> fresh = ChannelFactory.create(ConformanceService.class,
                    "net.tcp://127.0.0.1:" + port + "/svc", "net-tcp")) {
                assertThat(fresh.createChannel().echo("fresh")).isEqualTo("fresh");
                return;
            } catch (io.wcf4j.ServiceException e) {
                assertThat(e.code()).as("only a typed busy refusal is acceptable: %s", e.getMessage()).isEqualTo(io.wcf4j.FaultCode.RESOURCE_EXHAUSTED);
                assertThat(System.nanoTime()).as("served again within 10 s").isLessThan(until);
                Thread.sleep(50);
            }
        }
    }
}
