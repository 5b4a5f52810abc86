package io.wcf4j.binding.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.spi.HostResources;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two services on one TCP port, told apart by the preamble's path, as WCF's port sharing. */
class PortSharingTest {
    @Test
    void twoEndpointsShareAPortAndEachGetsItsOwnCalls() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConformanceServiceImpl a = new ConformanceServiceImpl();
        ConformanceServiceImpl b = new ConformanceServiceImpl();
        try (HostResources shared = new HostResources()) {
            ServiceHost hostA = ServiceHost.builder(ConformanceService.class).name("a").implementation(a).resources(shared)
                    .endpoint("net.tcp://127.0.0.1:" + port + "/a", "net-tcp").build();
            ServiceHost hostB = ServiceHost.builder(ConformanceService.class).name("b").implementation(b).resources(shared)
                    .endpoint("net.tcp://127.0.0.1:" + port + "/b", "net-tcp").build();
            hostA.open();
            hostB.open();
            try (ChannelFactory<ConformanceService> fa = ChannelFactory.create(ConformanceService.class, "net.tcp://127.0.0.1:" + port + "/a", "net-tcp");
                 ChannelFactory<ConformanceService> fb = ChannelFactory.create(ConformanceService.class, "net.tcp://127.0.0.1:" + port + "/b", "net-tcp")) {
                fa.createChannel().fireAndForget("to-a");
                fb.createChannel().fireAndForget("to-b");
                assertThat(a.oneWayTokens.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("to-a");
                assertThat(b.oneWayTokens.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("to-b");
                hostA.close();
                assertThat(fb.createChannel().echo("b still serves")).isEqualTo("b still serves");
            } finally {
                hostB.close();
            }
        }
    }

    /**
     * Endpoints sharing a socket each keep their own limits: the first endpoint's max-connections and idle timeout do
     * not become the socket's (a connection counts against the endpoint its preamble names).
     */
    @Test
    void endpointsOnOneSocket_eachHoldToTheirOwnConnectionLimitAndIdleTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (HostResources shared = new HostResources()) {
            ServiceHost first = host(shared, "first", port, Map.of("max-connections", 1, "idle-timeout", "10m"));
            ServiceHost few = host(shared, "few", port, Map.of("max-connections", 2));
            ServiceHost idle = host(shared, "idle", port, Map.of("max-connections", 10, "idle-timeout", "300ms"));
            List<RawConnection> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    open.add(acknowledged(port, "/few"));
                }
                try (RawConnection third = new RawConnection(port)) {
                    third.preamble(2, "/few");
                    Frame refused = third.read();
                    assertThat(refused.type()).isEqualTo(FrameType.FAULT);
                    assertThat(new String(refused.payload(), StandardCharsets.UTF_8)).contains("RESOURCE_EXHAUSTED")
                            .contains("endpoint few-net-tcp has its max-connections (2) open");
                    assertThat(third.closedByServer()).isTrue();
                }
                // the first endpoint allows one connection: the socket still takes five for another endpoint
                List<RawConnection> idling = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    idling.add(acknowledged(port, "/idle"));
                }
                for (RawConnection c : idling) {
                    assertThat(c.closedByServer()).as("closed after its endpoint's idle timeout").isTrue();
                    c.close();
                }
                for (RawConnection c : open) {
                    c.socket.setSoTimeout(1000);
                    assertThat(c.closedByServer()).as("the other endpoint's idle timeout is not this one's").isFalse();
                }
                // a closed connection gives its place back
                open.remove(0).close();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                RawConnection again = null;
                while (again == null && System.nanoTime() < until) {
                    try (RawConnection c = new RawConnection(port)) {
                        c.preamble(2, "/few");
                        if (c.read().type() == FrameType.PREAMBLE_ACK) {
                            again = c;
                        }
                    }
                    Thread.sleep(20);
                }
                assertThat(again).as("admitted once a place was free").isNotNull();
            } finally {
                for (RawConnection c : open) {
                    c.close();
                }
                idle.close();
                few.close();
                first.close();
            }
        }
    }

    private static ServiceHost host(HostResources shared, String name, int port, Map<String, Object> settings) {
        ServiceHost host = ServiceHost.builder(ConformanceService.class).name(name).implementation(new ConformanceServiceImpl())
                .resources(shared).endpoint(null, "net.tcp://127.0.0.1:" + port + "/" + name, BindingConfig.of("net-tcp", settings))
                .build();
        host.open();
        return host;
    }

    private static RawConnection acknowledged(int port, String path) throws Exception {
        RawConnection c = new RawConnection(port);
        c.preamble(2, path);
        assertThat(c.read().type()).isEqualTo(FrameType.PREAMBLE_ACK);
        return c;
    }
}
