package io.wcf4j.binding.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.PeerIdentity;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** What differs between {@code net.tcp} and {@code net.pipe}: channel classes and addresses. Nothing else does. */
abstract class Transport {
    abstract Class<? extends ServerChannel> serverChannelClass();

    abstract Class<? extends Channel> channelClass();

    abstract SocketAddress bindAddress(EndpointAddress address) throws IOException;

    abstract SocketAddress connectAddress(EndpointAddress address);

    /** The path sent in the preamble and expected by the server. */
    abstract String preamblePath(EndpointAddress address);

    /** The address actually listened on, once bound. */
    abstract URI boundAddress(EndpointAddress configured, Channel bound);

    /** Called once the server channel is bound (pipe: restrict the socket file's permissions). */
    void afterBind(EndpointAddress address) throws IOException {
    }

    /** Called after the server channel closed (pipe: delete the socket file). */
    void afterClose(EndpointAddress address) {
    }

    boolean isTcp() {
        return false;
    }

    /** What the transport knows for sure about the peer of an accepted connection. */
    abstract PeerIdentity peer(Channel accepted);

    static final Transport TCP = new Transport() {
        @Override
        Class<? extends ServerChannel> serverChannelClass() {
            return NioServerSocketChannel.class;
        }

        @Override
        Class<? extends Channel> channelClass() {
            return NioSocketChannel.class;
        }

        @Override
        SocketAddress bindAddress(EndpointAddress a) {
            return new InetSocketAddress(a.host() == null ? "0.0.0.0" : a.host(), port(a));
        }

        @Override
        SocketAddress connectAddress(EndpointAddress a) {
            return InetSocketAddress.createUnresolved(a.host(), port(a));
        }

        @Override
        String preamblePath(EndpointAddress a) {
            return a.path();
        }

        @Override
        URI boundAddress(EndpointAddress configured, Channel bound) {
            int port = ((InetSocketAddress) bound.localAddress()).getPort();
            String host = configured.host() == null ? "0.0.0.0" : configured.host();
            return URI.create("net.tcp://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                    + ":" + port + configured.path());
        }

        @Override
        boolean isTcp() {
            return true;
        }

        @Override
        PeerIdentity peer(Channel accepted) {
            return PeerIdentity.of(accepted.remoteAddress());
        }

        private int port(EndpointAddress a) {
            return a.port() < 0 ? 808 : a.port();
        }
    };

    static final Transport PIPE = new Transport() {
        @Override
        Class<? extends ServerChannel> serverChannelClass() {
            return NioServerDomainSocketChannel.class;
        }

        @Override
        Class<? extends Channel> channelClass() {
            return NioDomainSocketChannel.class;
        }

        @Override
        SocketAddress bindAddress(EndpointAddress a) throws IOException {
            Path socket = socketPath(a);
            if (Files.exists(socket)) {
                // a live server answers; a dead one left its file behind, which we may replace
                try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    probe.connect(UnixDomainSocketAddress.of(socket));
                    throw new IOException("another server is listening on " + socket);
                } catch (IOException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("another server")) {
                        throw e;
                    }
                    Files.deleteIfExists(socket);
                }
            }
            Files.createDirectories(socket.toAbsolutePath().getParent());
            return UnixDomainSocketAddress.of(socket);
        }

        @Override
        SocketAddress connectAddress(EndpointAddress a) {
            return UnixDomainSocketAddress.of(socketPath(a));
        }

        @Override
        String preamblePath(EndpointAddress a) {
            return "";
        }

        @Override
        URI boundAddress(EndpointAddress configured, Channel bound) {
            return configured.uri();
        }

        @Override
        void afterBind(EndpointAddress a) throws IOException {
            // only the owning user may connect
            Files.setPosixFilePermissions(socketPath(a), PosixFilePermissions.fromString("rw-------"));
        }

        @Override
        PeerIdentity peer(Channel accepted) {
            // a client's end of a Unix socket has no name: the socket file names the connection
            PeerIdentity peer = PeerIdentity.ofAddress("unix:" + accepted.localAddress());
            try {
                UnixDomainPrincipal p = accepted.config().getOption(NioChannelOption.of(ExtendedSocketOptions.SO_PEERCRED));
                if (p != null) {
                    peer = peer.withUnixCredentials(new PeerIdentity.UnixCredentials(p.user().getName(), p.group().getName()));
                }
            } catch (RuntimeException | LinkageError e) {
                // not every platform reports peer credentials; the address is still known
            }
            return peer;
        }

        @Override
        void afterClose(EndpointAddress a) {
            try {
                Files.deleteIfExists(socketPath(a));
            } catch (IOException e) {
                // nothing to do: the next start replaces a stale file
            }
        }
    };

    /** The socket file of a {@code net.pipe:///path} address. */
    static Path socketPath(EndpointAddress a) {
        String p = a.uri().getPath();
        if (p == null || p.isEmpty() || p.equals("/")) {
            throw new IllegalArgumentException("net.pipe address needs a socket file path, e.g. net.pipe:///var/lib/wcf4j/ledger.sock: " + a);
        }
        return Path.of(p);
    }
}
