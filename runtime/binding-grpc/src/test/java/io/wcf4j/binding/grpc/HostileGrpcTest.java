package io.wcf4j.binding.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.grpc.mapping.Everything;
import io.wcf4j.binding.grpc.mapping.Level;
import io.wcf4j.binding.grpc.mapping.MappingService;
import io.wcf4j.binding.grpc.mapping.TransferRequest;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Phase;
import io.wcf4j.spi.Refusal;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a hostile or broken gRPC client can send, written byte by byte past wcf4j's client: each gets a typed status,
 * a decoder refusal is heard by the observe phase, and the server keeps serving (checked after every case).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileGrpcTest {
    private static final String SERVICE = "io.wcf4j.binding.grpc.mapping.mapping.Mapping/";
    private static final int LIMIT = 64 * 1024;

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private ServiceHost host;
    private RawGrpc raw;

    @BeforeAll
    void start() {
        DispatchBehavior observer = new DispatchBehavior() {
            @Override
            public Phase phase() {
                return Phase.OBSERVE;
            }

            @Override
            public java.util.concurrent.CompletionStage<io.wcf4j.spi.Outcome> invoke(io.wcf4j.spi.Invocation invocation, Next next) {
                return next.proceed(invocation);
            }

            @Override
            public void refused(Refusal refusal) {
                refusals.add(refusal);
            }
        };
        host = ServiceHost.builder(MappingService.class).name("hostile").implementation(new EchoingMapping())
                .dispatchBehavior(observer)
                .endpoint(null, "grpc://127.0.0.1:0", BindingConfig.of("grpc", Map.of("max-received-message-size", LIMIT,
                        "max-header-list-size", "8KB")))
                .build();
        host.open();
        raw = new RawGrpc(host.endpoints().get(0).address().toString());
    }

    @AfterAll
    void stop() {
        raw.close();
        host.close(Duration.ofSeconds(5));
    }

    @AfterEach
    void stillServing() throws IOException {
        byte[] reply = raw.call(SERVICE + "Levels", RawGrpc.message(out -> out.writeString(1, "LOW")), new Metadata());
        assertThat(reply).as("the server answers a good call after a bad one").isNotEmpty();
    }

    private Status statusOf(String method, byte[] request) {
        return statusOf(method, request, new Metadata());
    }

    private Status statusOf(String method, byte[] request, Metadata headers) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> raw.call(SERVICE + method, request, headers));
        assertThat(e).as("the call must fail").isNotNull();
        return e.getStatus();
    }

    private static void assertInvalid(Status status, String contains) {
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains(contains).doesNotContain("java.", "io.wcf4j", "Exception");
    }

    @Test
    void unknownMethod_isUnimplemented() {
        assertThat(statusOf("NoSuchMethod", new byte[0]).getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> raw.call("no.such.Service/Echo", new byte[0], new Metadata()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    void truncatedMessage_isInvalidArgument_andTheObservePhaseHearsOfIt() {
        int before = refusals.size();
        assertInvalid(statusOf("Levels", new byte[] {0x0A, 0x7F, 'x'}), "not a valid LevelsRequest");
        assertThat(refusals).hasSize(before + 1);
        assertThat(refusals.get(before).operationName()).isEqualTo("levels");
    }

    @Test
    void wrongWireType_isInvalidArgument() throws IOException {
        assertInvalid(statusOf("Levels", RawGrpc.message(out -> out.writeInt64(1, 5))), "wire type");
    }

    @Test
    void invalidUtf8_unknownEnumNumber_badDecimal_badTimestamp_areInvalidArgument() throws IOException {
        assertInvalid(statusOf("Levels", RawGrpc.message(out -> out.writeByteArray(1, new byte[] {(byte) 0xC3, (byte) 0x28}))), "UTF-8");
        byte[] badEnum = RawGrpc.message(out -> out.writeByteArray(1, RawGrpc.message(e -> e.writeEnum(17, 9))));
        assertInvalid(statusOf("Echo", badEnum), "9 is not a value of Level");
        byte[] badDecimal = RawGrpc.message(out -> out.writeByteArray(1, RawGrpc.message(t -> t.writeString(3, "12,50"))));
        assertInvalid(statusOf("Transfer", badDecimal), "not a decimal");
        byte[] hugeScale = RawGrpc.message(out -> out.writeByteArray(1, RawGrpc.message(t -> t.writeString(3, "1e-999999999"))));
        assertInvalid(statusOf("Transfer", hugeScale), "not a decimal");
        byte[] badTime = RawGrpc.message(out -> out.writeByteArray(1, RawGrpc.message(e -> e.writeByteArray(12,
                RawGrpc.message(ts -> ts.writeInt64(1, Long.MAX_VALUE))))));
        assertInvalid(statusOf("Echo", badTime), "not a valid Timestamp");
    }

    @Test
    void nestingDeeperThanTheLimit_isInvalidArgument() throws IOException {
        byte[] inner = new byte[0];
        for (int i = 0; i < 150; i++) {
            byte[] child = inner;
            inner = RawGrpc.message(out -> out.writeByteArray(23, child));   // Everything.child
        }
        byte[] deep = inner;
        assertInvalid(statusOf("Echo", RawGrpc.message(out -> out.writeByteArray(1, deep))), "nested deeper");
    }

    @Test
    void messageOverTheLimit_isResourceExhausted_andTheObservePhaseHearsOfIt() throws Exception {
        int before = refusals.size();
        byte[] big = RawGrpc.message(out -> out.writeString(1, "x".repeat(LIMIT * 2)));
        Status s = statusOf("Levels", big);
        assertThat(s.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        long until = System.nanoTime() + 5_000_000_000L;
        while (refusals.size() == before && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(refusals).hasSize(before + 1);
        assertThat(refusals.get(before).operationName()).isEqualTo("levels");
        assertThat(refusals.get(before).outcome().errorCode()).isEqualTo(io.wcf4j.FaultCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void hugeRepeatedField_withinTheLimit_isServedOrRefusedTyped() throws IOException {
        // 30,000 empty strings in 60 KB: each becomes a list element; the size limit bounds the count
        byte[] many = RawGrpc.message(out -> {
            for (int i = 0; i < 30_000; i++) {
                out.writeString(1, "");
            }
        });
        Status s = statusOf("Levels", many);
        assertThat(s.getCode()).as("\"\" is no Level: the service's own failure, typed").isIn(Status.Code.INVALID_ARGUMENT,
                Status.Code.INTERNAL);
        byte[] counted = raw.call(SERVICE + "CountWords", many, new Metadata());
        assertThat(counted).isNotEmpty();
    }

    @Test
    void zeroDeadline_isDeadlineExceeded() throws IOException {
        byte[] request = RawGrpc.message(out -> out.writeString(1, "LOW"));
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> raw.call(SERVICE + "Levels", request, new Metadata(), 0));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    @Test
    void headersOverTheLimit_areRefused() throws IOException {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-padding", Metadata.ASCII_STRING_MARSHALLER), "p".repeat(16 * 1024));
        Status s = statusOf("Levels", RawGrpc.message(out -> out.writeString(1, "LOW")), headers);
        assertThat(s.getCode()).isNotEqualTo(Status.Code.OK);
    }

    @Test
    void aCallInASessionThatIsNotOpen_isUnavailable() throws IOException {
        Metadata headers = new Metadata();
        headers.put(GrpcSession.KEY, "made-up");
        Status s = statusOf("Levels", RawGrpc.message(out -> out.writeString(1, "LOW")), headers);
        assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(s.getDescription()).contains("no open session made-up");
    }

    @Test
    void twoRequestMessagesInAUnaryCall_areRefused() {
        Status s = catchThrowableOfType(StatusRuntimeException.class, () -> raw.callWithTwoMessages(SERVICE + "Levels")).getStatus();
        // the server closes the call on the second message; the client may see that close or the stream's reset
        assertThat(s.getCode()).isIn(Status.Code.INVALID_ARGUMENT, Status.Code.CANCELLED);
    }

    /** The service: echoes, counts, and names levels. */
    static final class EchoingMapping implements MappingService {
        @Override
        public Everything echo(Everything value) {
            return value;
        }

        @Override
        public Map<String, Integer> countWords(List<String> words) {
            return Map.of("words", words.size());
        }

        @Override
        public List<Level> levels(List<String> names) {
            return names.stream().map(Level::valueOf).toList();
        }

        @Override
        public Everything transfer(TransferRequest request) {
            return null;
        }

        @Override
        public void nothing() {
        }

        @Override
        public void notify(String text) {
        }
    }
}
