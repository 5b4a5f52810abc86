package io.wcf4j.binding.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.BasicCredentials;
import java.io.IOException;
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
 * net.tcp's credentials exchange (docs/tcp-framing.md, section 1a) on a raw socket: a CREDENTIALS frame after the
 * preamble makes its user the principal of every later call of the connection, with roles re-checked per call; a
 * wrong one, a second one, one after a call, or one before the preamble each get a FAULT and a closed connection,
 * and the host keeps serving everyone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CredentialsExchangeTest {
    private static final int CREDENTIALS = FrameType.CREDENTIALS.code;
    private final PayloadCodec codec = new PayloadCodec();
    private ServiceHost host;
    private int port;
    private ChannelFactory<ConformanceService> factory;

    @BeforeAll
    void start() {
        host = ServiceHost.builder(ConformanceService.class).implementation(new ConformanceServiceImpl())
                .dispatchBehavior(ConformanceSecurity.authentication())
                .endpoint(null, "net.tcp://127.0.0.1:0/svc", BindingConfig.of("net-tcp", Map.of("handshake-timeout", "2s")))
                .build();
        host.open();
        port = host.endpoints().get(0).address().getPort();
        factory = ChannelFactory.builder(ConformanceService.class).address("net.tcp://127.0.0.1:" + port + "/svc")
                .binding(BindingConfig.of("net-tcp")).behavior(ConformanceSecurity.root()).build();
    }

    @AfterAll
    void stop() {
        factory.close();
        host.close();
    }

    @AfterEach
    void othersAreStillServed() {
        assertThat(factory.createChannel().whoAmI()).isEqualTo(ConformanceSecurity.ADMIN_USER);
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("authorization", BasicCredentials.encode(user, password.toCharArray()));
    }

    private byte[] call(String operation, Object... args) {
        Object[] payload = new Object[args.length + 1];
        payload[0] = operation;
        System.arraycopy(args, 0, payload, 1, args.length);
        return codec.encodeValue(payload);
    }

    private JsonNode payload(Frame f) throws IOException {
        return codec.decodeTree(f.payload());
    }

    private String faultCode(Frame f) throws IOException {
        assertThat(f.type()).isEqualTo(FrameType.FAULT);
        return payload(f).path("code").asString();
    }

    @Test
    void verifiedCredentials_arePrincipalOfEveryLaterCall_andRolesAreCheckedPerCall() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(2, "/svc");
            r.frame(CREDENTIALS, 0, basic(ConformanceSecurity.USER, ConformanceSecurity.USER_PASSWORD), new byte[0]);
            Frame answer = r.readAnswer();
            assertThat(answer.type()).isEqualTo(FrameType.CREDENTIALS);
            assertThat(answer.isResponse()).isTrue();
            assertThat(payload(answer).path("principal").asString()).isEqualTo(ConformanceSecurity.USER);
            for (long id = 1; id <= 5; id += 2) {
                r.frame(FrameType.REQUEST.code, id, call("whoAmI"));
                Frame reply = r.read();
                assertThat(reply.type()).isEqualTo(FrameType.REPLY);
                assertThat(payload(reply).asString()).isEqualTo(ConformanceSecurity.USER);
            }
            // the connection's user lacks the admin role: refused, and the connection stays
            r.frame(FrameType.REQUEST.code, 7, call("adminEcho", "x"));
            assertThat(faultCode(r.read())).isEqualTo("PERMISSION_DENIED");
            // a call may not bring a credential of its own on an authenticated connection
            r.frame(FrameType.REQUEST.code, 9, basic(ConformanceSecurity.ADMIN_USER, ConformanceSecurity.ADMIN_PASSWORD), call("whoAmI"));
            assertThat(faultCode(r.read())).isEqualTo("INVALID_ARGUMENT");
            r.frame(FrameType.REQUEST.code, 11, call("echo", "still open"));
            assertThat(payload(r.read()).asString()).isEqualTo("still open");
            // a second exchange is a protocol error
            r.frame(CREDENTIALS, 0, basic(ConformanceSecurity.ADMIN_USER, ConformanceSecurity.ADMIN_PASSWORD), new byte[0]);
            assertThat(faultCode(r.read())).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.closedByServer()).isTrue();
        }
    }

    @Test
    void wrongOrUnknownCredentials_getUnauthenticated_thatNamesNeither_andAClosedConnection() throws IOException {
        for (Map<String, String> wrong : new Map[] {basic(ConformanceSecurity.USER, "wrong-password"), basic("nobody-here", "x"),
                Map.of("authorization", "Basic !!not-base64"), Map.of("authorization", "Bearer abc"), Map.of("authorization", "Negotiate x")}) {
            try (RawConnection r = new RawConnection(port)) {
                r.preamble(2, "/svc");
                r.frame(CREDENTIALS, 0, wrong, new byte[0]);
                Frame fault = r.readAnswer();
                assertThat(faultCode(fault)).as(wrong.toString()).isEqualTo("UNAUTHENTICATED");
                assertThat(payload(fault).path("message").asString()).isEqualTo("authentication failed");
                assertThat(r.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void credentialsAfterACall_withoutAnAuthorization_orBeforeThePreamble_areProtocolErrors() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(2, "/svc");
            r.frame(FrameType.REQUEST.code, 1, call("echo", "anonymous first"));
            assertThat(r.readAnswer().type()).isEqualTo(FrameType.REPLY);
            r.frame(CREDENTIALS, 0, basic(ConformanceSecurity.USER, ConformanceSecurity.USER_PASSWORD), new byte[0]);
            assertThat(faultCode(r.read())).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.closedByServer()).isTrue();
        }
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(2, "/svc");
            r.frame(CREDENTIALS, 0, new byte[0]);
            assertThat(faultCode(r.readAnswer())).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.closedByServer()).isTrue();
        }
        try (RawConnection r = new RawConnection(port)) {
            r.frame(CREDENTIALS, 0, basic(ConformanceSecurity.USER, ConformanceSecurity.USER_PASSWORD), new byte[0]);
            assertThat(faultCode(r.read())).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.closedByServer()).isTrue();
        }
    }

    @Test
    void aCallSentBeforeTheCredentialsWereAnswered_isRefused_notRunAnonymously() throws IOException {
        try (RawConnection r = new RawConnection(port)) {
            r.preamble(2, "/svc");
            // in one write: the server has not answered the credentials when the call arrives
            r.frames(RawConnection.encode(CREDENTIALS, 0, basic(ConformanceSecurity.ADMIN_USER, ConformanceSecurity.ADMIN_PASSWORD),
                    new byte[0]), RawConnection.encode(FrameType.REQUEST.code, 1, Map.of(), call("whoAmI")));
            Frame first = r.readAnswer();
            Frame second = r.read();
            Frame callAnswer = first.correlationId() == 1 ? first : second;
            Frame credentialsAnswer = first.correlationId() == 1 ? second : first;
            assertThat(credentialsAnswer.type()).isEqualTo(FrameType.CREDENTIALS);
            assertThat(faultCode(callAnswer)).isEqualTo("INVALID_ARGUMENT");
        }
    }
}
