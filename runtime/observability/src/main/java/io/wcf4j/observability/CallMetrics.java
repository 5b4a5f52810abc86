package io.wcf4j.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import io.wcf4j.spi.Refusal;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The server side's call metrics, an observe-phase behavior, so that every call on every binding is counted and
 * timed the same way, from the moment the Dispatcher has it to its final outcome (for a one-way call: until it has
 * run):
 *
 * <ul>
 *   <li>{@value #SERVER_CALLS} (timer, with percentile histogram buckets): tags {@code service}, {@code operation},
 *       {@code binding} and {@code outcome} ({@code OK}, the declared fault's name, or the {@link io.wcf4j.FaultCode});
 *   <li>{@value #SERVER_REFUSALS} (counter): messages a binding refused before they became calls (unreadable, too
 *       large, unknown operation), tags {@code service}, {@code operation} (the contract's, or {@code unknown}: a
 *       name a caller made up never becomes a tag), {@code binding}, {@code outcome}.
 * </ul>
 *
 * <p>Every tag value comes from the contract or the configuration, never from a caller, so the number of series is
 * bounded by the services' operations times their endpoints' bindings times their faults.
 *
 * <p>Runs outermost ({@link #ORDER}), so that its time includes the other behaviors'. Thread-safe.
 */
public final class CallMetrics implements DispatchBehavior {
    /** The server calls' timer. */
    public static final String SERVER_CALLS = "wcf4j.server.calls";
    /** The counter of messages refused before dispatch. */
    public static final String SERVER_REFUSALS = "wcf4j.server.refusals";
    /** Outermost in the observe phase: metrics time what the tracing and message log behaviors cost too. */
    public static final int ORDER = -1000;
    /** Histogram range: from a fast in-memory call to the longest deadline a caller is likely to give. */
    static final Duration MIN_EXPECTED = Duration.ofNanos(100_000);
    static final Duration MAX_EXPECTED = Duration.ofSeconds(60);

    private final MeterRegistry registry;
    // a registry looks its meters up by id, allocating the id and its tags on every call: cache them here instead
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Counter> refusals = new ConcurrentHashMap<>();

    public CallMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Phase phase() {
        return Phase.OBSERVE;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
        long start = System.nanoTime();
        return Outcomes.whenDone(next.proceed(invocation), outcome -> record(invocation, outcome, start));
    }

    private void record(Invocation invocation, Outcome outcome, long start) {
        String result = outcome == null ? "INTERNAL" : outcome.resultCode();
        Key key = new Key(invocation.context().endpoint(), invocation.operation().name(), result);
        timers.computeIfAbsent(key, this::timer).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    @Override
    public void refused(Refusal refusal) {
        String operation = refusal.operation() == null ? "unknown" : refusal.operation().name();
        Key key = new Key(refusal.context().endpoint(), operation, refusal.outcome().resultCode());
        refusals.computeIfAbsent(key, k -> Counter.builder(SERVER_REFUSALS)
                .description("Messages a binding refused before they became calls")
                .tags(k.tags()).register(registry)).increment();
    }

    private Timer timer(Key k) {
        return Timer.builder(SERVER_CALLS)
                .description("Calls the services handled, from dispatch to their final outcome")
                .tags(k.tags())
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN_EXPECTED)
                .maximumExpectedValue(MAX_EXPECTED)
                .register(registry);
    }

    private record Key(EndpointInfo endpoint, String operation, String outcome) {
        String[] tags() {
            return new String[] {"service", endpoint.service(), "operation", operation, "binding", endpoint.bindingType(),
                    "outcome", outcome};
        }
    }

    @Override
    public String toString() {
        return "call metrics";
    }
}
