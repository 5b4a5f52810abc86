package io.wcf4j.security;

import io.wcf4j.config.SecurityConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Makes password guessing slow: after a failed login for a key (a user name, an address), attempts for that key
 * are refused unchecked until a delay has passed, the delay doubling per failure up to a maximum. A refusal holds
 * no thread. A success clears the user's key (never the address's: one known password must not reset an
 * address's guessing). Bounded in memory: when it tracks too many keys, expired ones go, and
 * if that is not enough the oldest half is forgotten (a flood of addresses cannot exhaust the heap).
 */
final class FailedLoginBackoff {
    static final int MAX_TRACKED = 10_000;

    private final long initialNanos;
    private final long maxNanos;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    FailedLoginBackoff(SecurityConfig.FailedLogins config, LongSupplier nanoClock) {
        this.initialNanos = config.initialDelay().toNanos();
        this.maxNanos = Math.max(initialNanos, config.maxDelay().toNanos());
        this.clock = nanoClock;
    }

    /** Whether an attempt for every one of these keys may be checked now. */
    boolean mayTry(String... keys) {
        long now = clock.getAsLong();
        for (String k : keys) {
            Entry e = k == null ? null : entries.get(k);
            if (e != null && now - e.notBefore < 0) {
                return false;
            }
        }
        return true;
    }

    void failed(String... keys) {
        long now = clock.getAsLong();
        if (entries.size() >= MAX_TRACKED) {
            prune(now);
        }
        for (String k : keys) {
            if (k != null) {
                entries.compute(k, (key, e) -> {
                    int failures = e == null ? 1 : Math.min(e.failures + 1, 62);
                    long delay = Math.min(maxNanos, initialNanos << Math.min(failures - 1, 30));
                    return new Entry(failures, now + delay, now);
                });
            }
        }
    }

    void succeeded(String key) {
        entries.remove(key);
    }

    /** The delay before the next attempt for a key may be checked; zero when it may be now. */
    Duration remaining(String key) {
        Entry e = entries.get(key);
        long left = e == null ? 0 : e.notBefore - clock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    private void prune(long now) {
        entries.entrySet().removeIf(en -> now - en.getValue().notBefore > maxNanos);
        if (entries.size() >= MAX_TRACKED) {
            long median = entries.values().stream().mapToLong(Entry::lastFailure).sorted().skip(entries.size() / 2).findFirst().orElse(now);
            entries.entrySet().removeIf(en -> en.getValue().lastFailure - median < 0);
        }
    }

    private record Entry(int failures, long notBefore, long lastFailure) {
    }
}
