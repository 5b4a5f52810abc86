package io.wcf4j.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The client side's call metrics, an outbound behavior of {@link io.wcf4j.ChannelFactory} proxies and of the
 * callbacks a host sends: {@value #CLIENT_CALLS} (timer, percentile histogram buckets), tags {@code service} (the
 * contract's name), {@code operation}, {@code binding} and {@code outcome} (as {@link CallMetrics}: {@code OK}, a
 * declared fault's name or a {@link io.wcf4j.FaultCode}). No address is a tag: the number of series stays bounded.
 *
 * <p>Runs outermost ({@link #ORDER}; only the built-in deadline behavior is before it), so that it times the other
 * behaviors too. Thread-safe.
 */
public final class ClientCallMetrics implements ClientBehavior {
    /** The client calls' timer. */
    public static final String CLIENT_CALLS = "wcf4j.client.calls";
    /** Outermost among the outbound behaviors. */
    public static final int ORDER = Integer.MIN_VALUE + 1;

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public ClientCallMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Object invoke(ClientCall call, Next next) throws Exception {
        long start = System.nanoTime();
        String outcome = "OK";
        try {
            return next.proceed(call);
        } catch (Exception | Error e) {
            outcome = Outcomes.ofClientFailure(call, e);
            throw e;
        } finally {
            Key key = new Key(Outcomes.contractName(call.operation()), call.operation().name(), call.bindingType(), outcome);
            timers.computeIfAbsent(key, k -> Timer.builder(CLIENT_CALLS)
                    .description("Calls this process made through wcf4j proxies and callbacks, until their reply or failure")
                    .tags("service", k.service(), "operation", k.operation(), "binding", k.binding(), "outcome", k.outcome())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(CallMetrics.MIN_EXPECTED)
                    .maximumExpectedValue(CallMetrics.MAX_EXPECTED)
                    .register(registry)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private record Key(String service, String operation, String binding, String outcome) {
    }

    @Override
    public String toString() {
        return "client call metrics";
    }
}
