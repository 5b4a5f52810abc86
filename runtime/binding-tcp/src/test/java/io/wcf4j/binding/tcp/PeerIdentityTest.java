package io.wcf4j.binding.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the transport verifies about the peer: its address on TCP; its user and group on a Unix socket. */
class PeerIdentityTest {

    private static PeerIdentity peerSeenBy(String address, String bindingType) {
        AtomicReference<PeerIdentity> seen = new AtomicReference<>();
        DispatchBehavior recorder = DispatchBehavior.of(Phase.ADMIT, (invocation, next) -> {
            seen.set(invocation.context().peer());
            return next.proceed(invocation);
        });
        ServiceHost host = ServiceHost.builder(ConformanceService.class).implementation(new ConformanceServiceImpl())
                .endpoint(address, bindingType).dispatchBehavior(recorder).build();
        host.open();
        try (ChannelFactory<ConformanceService> f = ChannelFactory.create(ConformanceService.class,
                host.endpoints().get(0).address().toString().replace("0.0.0.0", "127.0.0.1"), bindingType)) {
            assertThat(f.createChannel().echo("who")).isEqualTo("who");
        } finally {
            host.close();
        }
        return seen.get();
    }

    @Test
    void overTcp_thePeersAddress() {
        PeerIdentity peer = peerSeenBy("net.tcp://127.0.0.1:0/peer", "net-tcp");
        assertThat(peer.remoteAddress()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(peer.unixCredentials()).isNull();
    }

    @Test
    void overAUnixSocket_thePeerProcesssUserAndGroup() throws Exception {
        Path dir = Files.createTempDirectory("wcf4j-peer");
        PeerIdentity peer = peerSeenBy("net.pipe://" + dir.resolve("peer.sock"), "net-pipe");
        assertThat(peer.remoteAddress()).startsWith("unix:").endsWith("peer.sock");
        assertThat(peer.unixCredentials()).as("SO_PEERCRED on Linux").isNotNull();
        assertThat(peer.unixCredentials().user()).isEqualTo(System.getProperty("user.name"));
    }
}
