package io.wcf4j.binding.tcp;

import io.wcf4j.config.BindingSettings;
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
 * The framed binary protocol of docs/tcp-framing.md over one {@link Transport}: {@code net-tcp} over TCP,
 * {@code net-pipe} over a Unix domain socket. The two differ only in their transport.
 */
abstract class FramedBinding implements Binding {
    static final Setting<Integer> MAX_CONNECTIONS = Setting.positiveInt("max-connections", 1000);
    static final Setting<Integer> MAX_CALLS_PER_CONNECTION = Setting.positiveInt("max-concurrent-calls-per-connection", 128);
    static final Setting<Integer> WORKER_THREADS = Setting.positiveInt("worker-threads", 32);
    static final Setting<Integer> MAX_QUEUED_CALLS = Setting.positiveInt("max-queued-calls", 10_000);
    static final Setting<Duration> HANDSHAKE_TIMEOUT = Setting.duration("handshake-timeout", Duration.ofSeconds(10));
    static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("idle-timeout", Duration.ofMinutes(5));
    static final Setting<Duration> FRAME_TIMEOUT = Setting.duration("frame-timeout", Duration.ofSeconds(30));
    /** net.tcp: plain, or TLS; a named pipe's peers are known to the kernel, and its traffic never leaves the machine. */
    static final Setting<String> SECURITY_MODE = SecuritySettings.mode(SecuritySettings.NONE, SecuritySettings.TRANSPORT);

    private final String type;
    private final String scheme;
    private final Transport transport;

    FramedBinding(String type, String scheme, Transport transport) {
        this.type = type;
        this.scheme = scheme;
        this.transport = transport;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(scheme);
    }

    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> settings = new ArrayList<>(List.of(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE, CommonSettings.SEND_TIMEOUT,
                MAX_CONNECTIONS, MAX_CALLS_PER_CONNECTION, WORKER_THREADS, MAX_QUEUED_CALLS, HANDSHAKE_TIMEOUT, IDLE_TIMEOUT,
                FRAME_TIMEOUT));
        if (transport.isTcp()) {
            settings.add(SECURITY_MODE);
            settings.addAll(SecuritySettings.tls());
        }
        return settings;
    }

    @Override
    public Listener listen(ListenContext context) throws Exception {
        return new FramedEndpoint(context, transport, type).listen();
    }

    /** The TLS material of a net.tcp configuration in mode transport, or null for plain text. */
    static SecuritySettings.TlsMaterial tls(Transport transport, BindingSettings settings, String where, boolean server) {
        if (!transport.isTcp() || !settings.get(SECURITY_MODE).equals(SecuritySettings.TRANSPORT)) {
            return null;
        }
        return SecuritySettings.tlsMaterial(settings, where, server);
    }

    @Override
    public ClientChannel openChannel(ChannelContext context) {
        return new FramedClientChannel(context, transport);
    }
}
