package io.wcf4j.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.FaultCode;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LiveStatisticsTest {
    private final ContractDescription contract = ContractDescription.of(ConformanceService.class);

    @Test
    void ratesErrorsAndP99_perServiceAndBinding() {
        LiveStatistics live = new LiveStatistics();
        for (int i = 0; i < 100; i++) {
            long sleepNanos = i < 98 ? 0 : 30_000_000;   // two slow calls of 30 ms: the 99th percentile of 102
            live.invoke(call("tcp"), inv -> {
                long until = System.nanoTime() + sleepNanos;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return CompletableFuture.completedFuture(Outcome.value("x"));
            });
        }
        live.invoke(call("tcp"), inv -> CompletableFuture.completedFuture(Outcome.error(FaultCode.INTERNAL, "boom")));
        live.invoke(call("tcp"), inv -> CompletableFuture.completedFuture(Outcome.error(FaultCode.INVALID_ARGUMENT, "caller's")));
        live.invoke(call("soap"), inv -> CompletableFuture.completedFuture(Outcome.value("x")));

        assertThat(live.snapshot()).extracting(LiveStatistics.View::binding).containsExactly("soap", "tcp");
        LiveStatistics.View tcp = live.snapshot().get(1);
        assertThat(tcp.totalCalls()).isEqualTo(102);
        assertThat(tcp.totalErrors()).as("only the service's own failure").isEqualTo(1);
        assertThat(tcp.callsPerSecond()).isEqualTo(102.0);   // less than a second since start: per the first second
        assertThat(tcp.errorsPerSecond()).isEqualTo(1.0);
        // the bucket that holds 30 ms: bounds grow by 25 %
        assertThat(tcp.p99Millis()).isBetween(30.0, 38.0);
    }

    private Invocation call(String binding) {
        return new Invocation(contract.operation("echo").orElseThrow(), new Object[] {"x"},
                InvocationContext.builder(new EndpointInfo("svc", "svc-" + binding, binding)).build());
    }
}
