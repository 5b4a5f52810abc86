package io.wcf4j.binding.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One-way calls sent faster than the service takes them, on one connection, past the per-connection call
 * limit: none is refused (a refusal would be lost, nobody waits for it); the server stops reading instead, so
 * TCP slows the sender, and every call arrives.
 */
class OneWayBackpressureTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneWayFloodPastTheConnectionLimit_everyCallArrives() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConformanceServiceImpl impl = new ConformanceServiceImpl();
        BindingConfig binding = BindingConfig.of("net-tcp", Map.of("max-concurrent-calls-per-connection", 4, "worker-threads", 2));
        ServiceHost host = ServiceHost.builder(ConformanceService.class).name("flood").implementation(impl)
                .endpoint(null, "net.tcp://127.0.0.1:" + port + "/flood", binding).build();
        host.open();
        try (ChannelFactory<ConformanceService> f = ChannelFactory.builder(ConformanceService.class)
                .address("net.tcp://127.0.0.1:" + port + "/flood").binding(binding).build()) {
            ConformanceService client = f.createChannel();
            int calls = 5000;
            for (int i = 0; i < calls; i++) {
                client.fireAndForget("t" + i);
            }
            Set<String> got = new HashSet<>();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < calls && System.nanoTime() < until) {
                String t = impl.oneWayTokens.poll(100, TimeUnit.MILLISECONDS);
                if (t != null) {
                    got.add(t);
                }
            }
            assertThat(got).as("every one-way call arrived").hasSize(calls);
            assertThat(client.echo("after the flood")).isEqualTo("after the flood");
        } finally {
            host.close(Duration.ofSeconds(5));
        }
    }
}
