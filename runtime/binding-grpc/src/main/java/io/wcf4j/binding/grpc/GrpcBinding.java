package io.wcf4j.binding.grpc;

import io.wcf4j.config.DataSize;
import io.wcf4j.config.Setting;
import io.wcf4j.spi.Binding;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.SecuritySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code grpc}: the contract as a gRPC service ({@code grpc://host:port}) on grpc-java, its protobuf messages derived
 * from the contract at start-up (docs/grpc.md). Unary calls for request-reply and one-way operations; server
 * reflection and the standard health service on every port; TLS with security-mode {@code transport}.
 */
public final class GrpcBinding implements Binding {
    static final String TYPE = "grpc";
    /** The largest header block (all metadata of a call) a peer may send; HTTP/2's MAX_HEADER_LIST_SIZE. */
    static final Setting<DataSize> MAX_HEADER_LIST_SIZE = Setting.size("max-header-list-size", DataSize.ofKilobytes(16));
    /** HTTP/2 streams one connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). */
    static final Setting<Integer> MAX_CALLS_PER_CONNECTION = Setting.positiveInt("max-concurrent-calls-per-connection", 128);
    /** A connection with no call for this long is closed (with GOAWAY). */
    static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("idle-timeout", Duration.ofMinutes(5));
    /** How often a client may ping to keep a connection alive; more often is answered with GOAWAY. */
    static final Setting<Duration> PERMIT_KEEPALIVE_TIME = Setting.duration("permit-keepalive-time", Duration.ofMinutes(1));
    /** Plain HTTP/2, or HTTP/2 over TLS (with the tls-* settings). */
    static final Setting<String> SECURITY_MODE = SecuritySettings.mode(SecuritySettings.NONE, SecuritySettings.TRANSPORT);
    /** How long a new connection has to finish its HTTP/2 (and TLS) handshake. */
    static final Setting<Duration> HANDSHAKE_TIMEOUT = Setting.duration("handshake-timeout", Duration.ofSeconds(10));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("grpc");
    }

    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> settings = new ArrayList<>(List.of(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE, CommonSettings.SEND_TIMEOUT,
                MAX_HEADER_LIST_SIZE, MAX_CALLS_PER_CONNECTION, IDLE_TIMEOUT, PERMIT_KEEPALIVE_TIME, HANDSHAKE_TIMEOUT, SECURITY_MODE));
        settings.addAll(SecuritySettings.tls());
        return settings;
    }

    @Override
    public Listener listen(ListenContext context) throws Exception {
        return new GrpcEndpoint(context).listen();
    }

    @Override
    public ClientChannel openChannel(ChannelContext context) {
        return new GrpcClientChannel(context);
    }
}
