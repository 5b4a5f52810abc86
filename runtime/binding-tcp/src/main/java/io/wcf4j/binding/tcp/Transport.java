package io.wcf4j.binding.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.PeerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/** What differs between {@code net.tcp} and {@code net.pipe}: channel classes and addresses. Nothing else does. */
abstract class Transport {
    abstract Class<? extends ServerChannel> serverChannelClass();

    abstract Class<? extends Channel> channelClass();

    /** Binds the server channel at the address, ready for connections; on failure nothing is left behind. */
    abstract Channel bind(ServerBootstrap bootstrap, EndpointAddress address) throws IOException, InterruptedException;

    abstract SocketAddress connectAddress(EndpointAddress address);

    /** The path sent in the preamble and expected by the server. */
    abstract String preamblePath(EndpointAddress address);

    /** The address actually listened on, once bound. */
    abstract URI boundAddress(EndpointAddress configured, Channel bound);

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
        Channel bind(ServerBootstrap bootstrap, EndpointAddress a) throws InterruptedException {
            return bootstrap.bind(bindAddress(a)).sync().channel();
        }

        private SocketAddress bindAddress(EndpointAddress a) {
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

        /**
         * Binds the socket file with its final permissions from the first moment: in a directory only this user may
         * enter, where it gets {@code rw-------}, then renamed into place (a rename keeps the listening socket). Bound
         * in place, it would exist with the process's umask until its permissions were set, and another user could
         * connect in between.
         */
        @Override
        Channel bind(ServerBootstrap bootstrap, EndpointAddress a) throws IOException, InterruptedException {
            Path socket = socketPath(a).toAbsolutePath();
            int length = socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (length > MAX_SOCKET_PATH) {
                // moved there after a shorter bind, it would listen where no client can connect
                throw new IOException(socket + " is " + length + " bytes long; a Unix socket's path may have at most "
                        + MAX_SOCKET_PATH + ": choose a shorter net.pipe path");
            }
            clearStale(socket);
            Files.createDirectories(socket.getParent());
            Path staging = stagingDirectory(socket.getParent());
            // a short name: a socket's path is limited (106 bytes), and the staged one must fit as the final one does
            Path staged = staging.resolve("s");
            if (staged.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                // the final path fits, the staged one would not: bound in place, its permissions set right after
                Files.delete(staging);
                Channel bound = bootstrap.bind(UnixDomainSocketAddress.of(socket)).sync().channel();
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
                bound.attr(SOCKET_FILE).set(socket);
                return bound;
            }
            Channel bound = null;
            try {
                bound = bootstrap.bind(UnixDomainSocketAddress.of(staged)).sync().channel();
                // only the owning user may connect
                Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
                Files.move(staged, socket, StandardCopyOption.ATOMIC_MOVE);
                bound.attr(SOCKET_FILE).set(socket);
                return bound;
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (bound != null) {
                    bound.close().awaitUninterruptibly();
                }
                Files.deleteIfExists(staged);
                throw e;
            } finally {
                Files.deleteIfExists(staging);
            }
        }

        /** A new directory beside the socket that only this user may enter, named as briefly as it can be. */
        private Path stagingDirectory(Path parent) throws IOException {
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            for (int attempt = 0; ; attempt++) {
                Path dir = parent.resolve(STAGING_PREFIX + Long.toString(random.nextLong(36L * 36 * 36 * 36 * 36 * 36), 36));
                try {
                    return Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    if (attempt == 20) {
                        throw taken;
                    }
                }
            }
        }

        /**
         * A socket file left by a server that died is replaced; a live server's, or anything that is not a socket (a
         * file, a directory, a link someone put there), is refused and left alone.
         */
        private void clearStale(Path socket) throws IOException {
            if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (!isSocket(socket)) {
                throw new IOException(socket + " exists and is not a socket: not replaced (remove it, or give the endpoint "
                        + "another net.pipe path)");
            }
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException nobodyListens) {
                Files.deleteIfExists(socket);
                return;
            }
            throw new IOException("another server is listening on " + socket);
        }

        private boolean isSocket(Path p) throws IOException {
            try {
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                return (mode & S_IFMT) == S_IFSOCK;
            } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
                return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
            }
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
        PeerIdentity peer(Channel accepted) {
            // a client's end of a Unix socket has no name: the socket file names the connection
            // named by the socket file's final path (the channel itself still knows the path it was bound at)
            Path file = accepted.parent() == null ? null : accepted.parent().attr(SOCKET_FILE).get();
            PeerIdentity peer = PeerIdentity.ofAddress("unix:" + (file != null ? file : accepted.localAddress()));
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

    /** Where a pipe server's socket file is, once moved into place. */
    private static final AttributeKey<Path> SOCKET_FILE = AttributeKey.valueOf("wcf4j.socket-file");
    /** The private directory a socket file is bound in before it is moved into place (left only by a crash mid-bind). */
    private static final String STAGING_PREFIX = ".w";
    /** The longest path a Unix socket may be bound at or connected to (the JDK's limit on Linux). */
    private static final int MAX_SOCKET_PATH = 106;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    /** The socket file of a {@code net.pipe:///path} address. */
    static Path socketPath(EndpointAddress a) {
        String p = a.uri().getPath();
        if (p == null || p.isEmpty() || p.equals("/")) {
            throw new IllegalArgumentException("net.pipe address needs a socket file path, e.g. net.pipe:///var/lib/wcf4j/ledger.sock: " + a);
        }
        return Path.of(p);
    }
}
