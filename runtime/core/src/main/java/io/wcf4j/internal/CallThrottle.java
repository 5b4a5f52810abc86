package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.spi.Outcome;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WCF's service throttling, the admit phase's last stage: at most {@code maxConcurrentCalls} calls run at once,
 * at most {@code maxQueuedCalls} wait for a slot (each no longer than the queue timeout or its own deadline),
 * and the rest are refused at once with RESOURCE_EXHAUSTED, so that overload is a fast, typed answer.
 * Thread-safe.
 */
final class CallThrottle {
    private final ThrottlingConfig config;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();

    CallThrottle(ThrottlingConfig config) {
        this.config = config;
        this.slots = new Semaphore(config.maxConcurrentCalls(), true);
    }

    /**
     * Takes a slot for a call the caller waits for, waiting if need be.
     *
     * @param left the call's remaining time, or null for no deadline
     * @return null once a slot is taken (release it with {@link #release()}), else the refusal
     */
    Outcome acquire(Duration left) {
        if (slots.tryAcquire()) {
            return null;
        }
        if (!takePlaceInQueue()) {
            return busy();
        }
        try {
            Duration wait = queueWait(left);
            boolean deadlineFirst = wait.compareTo(config.queueTimeout()) < 0;
            if (slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return null;
            }
            return deadlineFirst
                    ? Outcome.error(FaultCode.DEADLINE_EXCEEDED, "deadline passed while waiting for a free call slot")
                    : busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error(FaultCode.UNAVAILABLE, "interrupted while waiting for a free call slot");
        } finally {
            waiting.decrementAndGet();
        }
    }

    /**
     * Counts this call among those waiting unless {@code maxQueuedCalls} already are. Never counts past the limit, even
     * for a moment: the count is what the queued-calls gauge shows (incrementing first and undoing it showed one more
     * waiting than may wait, which the overload test saw).
     */
    private boolean takePlaceInQueue() {
        while (true) {
            int now = waiting.get();
            if (now >= config.maxQueuedCalls()) {
                return false;
            }
            if (waiting.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** How long a call may wait in a queue: the queue timeout, or the call's remaining time if that is sooner. */
    Duration queueWait(Duration left) {
        Duration wait = config.queueTimeout();
        if (left != null && left.compareTo(wait) < 0) {
            wait = left.isNegative() ? Duration.ZERO : left;
        }
        return wait;
    }

    /**
     * Takes a slot for a one-way call that was already accepted: it waits as long as it takes, since refusing it
     * now would lose a call its sender was told was accepted.
     */
    void acquireAccepted() throws InterruptedException {
        slots.acquire();
    }

    void release() {
        slots.release();
    }

    /** Slots taken now. */
    int running() {
        return Math.max(0, config.maxConcurrentCalls() - slots.availablePermits());
    }

    /** Request-reply calls waiting for a slot now. */
    int waiting() {
        return waiting.get();
    }

    private Outcome busy() {
        return Outcome.error(FaultCode.RESOURCE_EXHAUSTED, "server busy: " + config.maxConcurrentCalls()
                + " calls running and " + config.maxQueuedCalls() + " waiting; retry later");
    }
}
