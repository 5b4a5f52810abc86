package io.wcf4j.binding.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Socket files of net.pipe, and a client that outlives its server. */
class PipeAndReconnectTest {

    private static ServiceHost host(String address) {
        ServiceHost h = ServiceHost.builder(ConformanceService.class).implementation(new ConformanceServiceImpl())
                .endpoint(address, address.startsWith("net.pipe") ? "net-pipe" : "net-tcp").build();
        h.open();
        return h;
    }

    @Test
    void pipeSocket_isOwnerOnly_staleFileReplaced_liveOneRefused_removedOnClose() throws Exception {
        Path dir = Files.createTempDirectory("wcf4j-pipe-files");
        Path socket = dir.resolve("svc.sock");
        // a dead server's leftover: a socket file nobody listens on
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        ServiceHost h = host("net.pipe://" + socket);
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            try (ChannelFactory<ConformanceService> f = ChannelFactory.create(ConformanceService.class, "net.pipe://" + socket, "net-pipe")) {
                assertThat(f.createChannel().echo("over the pipe")).isEqualTo("over the pipe");
            }
            assertThatThrownBy(() -> host("net.pipe://" + socket)).hasMessageContaining("another server is listening");
        } finally {
            h.close();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void whatIsNotASocketAtThePipesPath_isRefusedAndLeftAlone_andBindingLeavesNothingBehind() throws Exception {
        Path dir = Files.createTempDirectory("wcf4j-pipe-files");
        Path file = Files.writeString(dir.resolve("data.sock"), "someone's data");
        assertThatThrownBy(() -> host("net.pipe://" + file)).hasStackTraceContaining("exists and is not a socket");
        assertThat(file).hasContent("someone's data");
        Path directory = Files.createDirectory(dir.resolve("dir.sock"));
        assertThatThrownBy(() -> host("net.pipe://" + directory)).hasStackTraceContaining("exists and is not a socket");
        assertThat(directory).isDirectory();
        // bound in a private directory and moved into place: only the socket is left beside the other files
        Path socket = dir.resolve("svc.sock");
        ServiceHost h = host("net.pipe://" + socket);
        try (java.util.stream.Stream<Path> listed = Files.list(dir)) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data.sock", "dir.sock", "svc.sock");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        } finally {
            h.close();
        }
    }

    /** A socket path as long as Linux allows is served: binding it privately first must not make it longer. */
    @Test
    void aPipePathNearTheSocketPathLimit_isServed() throws Exception {
        Path dir = Files.createTempDirectory("wcf4j-pipe-long");
        for (int length : new int[] {100, 106}) {
            Path socket = dir.resolve("p".repeat(length - dir.toString().length() - 1 - ".sock".length()) + ".sock");
            assertThat(socket.toString()).hasSize(length);
            ServiceHost h = host("net.pipe://" + socket);
            try (ChannelFactory<ConformanceService> f = ChannelFactory.create(ConformanceService.class, "net.pipe://" + socket, "net-pipe")) {
                assertThat(f.createChannel().echo("long path " + length)).isEqualTo("long path " + length);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            } finally {
                h.close();
            }
        }
        Path tooLong = dir.resolve("p".repeat(107 - dir.toString().length() - 1 - ".sock".length()) + ".sock");
        assertThatThrownBy(() -> host("net.pipe://" + tooLong)).hasStackTraceContaining("at most 106");
    }

    @Test
    void clientReconnectsAfterTheServerRestarts() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String address = "net.tcp://127.0.0.1:" + port + "/svc";
        ServiceHost first = host(address);
        try (ChannelFactory<ConformanceService> f = ChannelFactory.create(ConformanceService.class, address, "net-tcp")) {
            ConformanceService c = f.createChannel();
            assertThat(c.echo("one")).isEqualTo("one");
            first.close();
            ServiceException down = org.assertj.core.api.Assertions.catchThrowableOfType(ServiceException.class, () -> c.echo("down"));
            assertThat(down.code()).isEqualTo(FaultCode.UNAVAILABLE);
            ServiceHost second = host(address);
            try {
                assertThat(c.echo("two")).as("the same proxy reconnects").isEqualTo("two");
            } finally {
                second.close();
            }
        }
    }
}
