package io.wcf4j.binding.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.spi.HostResources;
import java.net.ServerSocket;
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
}
