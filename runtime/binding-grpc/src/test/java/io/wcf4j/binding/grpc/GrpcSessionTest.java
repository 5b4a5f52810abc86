package io.wcf4j.binding.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceDuplex;
import io.wcf4j.conformance.ConformanceDuplexImpl;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A duplex session is its caller's: a call naming a session opened on another connection is refused, so a session id
 * that leaked is no use to anyone else. (The owner's own calls are the conformance suite's duplex case.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcSessionTest {
    private static final String SERVICE = "io.wcf4j.conformance.conformance_duplex.ConformanceDuplex/";
    private ServiceHost host;
    private String address;

    @BeforeAll
    void start() {
        host = ServiceHost.builder(ConformanceDuplex.class).name("sessions").implementation(new ConformanceDuplexImpl())
                .endpoint(null, "grpc://127.0.0.1:0", BindingConfig.of("grpc")).build();
        host.open();
        address = host.endpoints().get(0).address().toString();
    }

    @AfterAll
    void stop() {
        host.close(Duration.ofSeconds(5));
    }

    @Test
    void aCallNamingASessionOpenedOnAnotherConnection_isRefused() throws Exception {
        try (RawGrpc owner = new RawGrpc(address); RawGrpc stranger = new RawGrpc(address)) {
            String session = owner.openSession(SERVICE + "Connect");
            assertThat(session).isNotBlank();
            Metadata headers = new Metadata();
            headers.put(GrpcSession.KEY, session);
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stranger.call(SERVICE + "Ping", new byte[] {0x0A, 0x02, 'h', 'i'}, headers));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription()).contains("belongs to another connection");
        }
    }
}
