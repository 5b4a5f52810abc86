package io.wcf4j.observability;

import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operator's live view of the calls: per service and binding, calls and errors per second and the 99th
 * percentile of their time, over the last minute, and totals since start. An observe-phase behavior that keeps a
 * ring of one-second slots, each a small log-scale latency histogram, so that the view needs no metrics backend.
 * Errors are the service's failures (INTERNAL, UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED), not declared
 * faults or callers' mistakes. Thread-safe; a call costs a few atomic increments.
 */
public final class LiveStatistics implements DispatchBehavior {
    static final int WINDOW_SECONDS = 60;
    /** Latency bucket i holds times up to 50 µs × 1.25^i; the last one everything longer (about 26 s and up). */
    static final int BUCKETS = 60;
    private static final long[] BOUNDS_NANOS = new long[BUCKETS];

    static {
        double bound = 50_000;
        for (int i = 0; i < BUCKETS; i++) {
            BOUNDS_NANOS[i] = (long) bound;
            bound *= 1.25;
        }
    }

    private final ConcurrentMap<Key, Series> series = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();

    @Override
    public Phase phase() {
        return Phase.OBSERVE;
    }

    @Override
    public int order() {
        return CallMetrics.ORDER + 1;
    }

    @Override
    public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
        long start = System.nanoTime();
        return Outcomes.whenDone(next.proceed(invocation), outcome -> record(invocation.context().endpoint(), outcome, start));
    }

    private void record(EndpointInfo endpoint, Outcome outcome, long start) {
        long now = System.nanoTime();
        boolean error = outcome == null || Outcomes.isServerError(outcome);
        series.computeIfAbsent(new Key(endpoint.service(), endpoint.bindingType()), k -> new Series())
                .record(now, now - start, error);
    }

    /** What the last minute looked like, per service and binding, sorted by service then binding. */
    public List<View> snapshot() {
        long now = System.nanoTime();
        double window = Math.max(1, Math.min(WINDOW_SECONDS, (now - startNanos) / 1e9));
        List<View> views = new ArrayList<>();
        series.forEach((k, s) -> views.add(s.view(k, now, window)));
        views.sort(Comparator.comparing(View::service).thenComparing(View::binding));
        return views;
    }

    /**
     * One service's calls on one binding.
     *
     * @param callsPerSecond  over the last minute (or since start, if sooner)
     * @param errorsPerSecond the service's failures per second, likewise
     * @param p99Millis       the 99th percentile of the last minute's call times (an upper bound: the bucket's), or
     *                        0 with no calls
     * @param totalCalls      since start
     * @param totalErrors     since start
     */
    public record View(String service, String binding, double callsPerSecond, double errorsPerSecond, double p99Millis,
                       long totalCalls, long totalErrors) {
    }

    private record Key(String service, String binding) {
    }

    private static final class Series {
        final Slot[] slots = new Slot[WINDOW_SECONDS];
        final LongAdder total = new LongAdder();
        final LongAdder totalErrors = new LongAdder();

        Series() {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot();
            }
        }

        void record(long nowNanos, long elapsedNanos, boolean error) {
            long second = nowNanos / 1_000_000_000L;
            Slot slot = slots[(int) Math.floorMod(second, (long) WINDOW_SECONDS)];
            if (slot.second != second) {
                synchronized (slot) {
                    if (slot.second != second) {
                        for (int i = 0; i < slot.counts.length(); i++) {
                            slot.counts.set(i, 0);
                        }
                        slot.second = second;
                    }
                }
            }
            slot.counts.incrementAndGet(bucket(elapsedNanos));
            if (error) {
                slot.counts.incrementAndGet(BUCKETS);
                totalErrors.increment();
            }
            total.increment();
        }

        View view(Key key, long nowNanos, double windowSeconds) {
            long second = nowNanos / 1_000_000_000L;
            long[] merged = new long[BUCKETS + 1];
            for (Slot slot : slots) {
                if (slot.second > second - WINDOW_SECONDS && slot.second <= second) {
                    for (int i = 0; i <= BUCKETS; i++) {
                        merged[i] += slot.counts.get(i);
                    }
                }
            }
            long calls = 0;
            for (int i = 0; i < BUCKETS; i++) {
                calls += merged[i];
            }
            return new View(key.service(), key.binding(), calls / windowSeconds, merged[BUCKETS] / windowSeconds,
                    p99(merged, calls), total.sum(), totalErrors.sum());
        }

        private static double p99(long[] counts, long calls) {
            if (calls == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(calls * 0.99);
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return BOUNDS_NANOS[i] / 1e6;
                }
            }
            return BOUNDS_NANOS[BUCKETS - 1] / 1e6;
        }
    }

    private static int bucket(long nanos) {
        // binary search of the bounds: the first bucket whose bound holds the time
        int lo = 0;
        int hi = BUCKETS - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (BOUNDS_NANOS[mid] >= nanos) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** One second of calls: counts per latency bucket, then the errors. */
    private static final class Slot {
        volatile long second = Long.MIN_VALUE;
        final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    }

    @Override
    public String toString() {
        return "live statistics";
    }
}
