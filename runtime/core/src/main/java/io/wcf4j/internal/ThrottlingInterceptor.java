package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationInterceptor;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WCF's service throttling: at most {@code maxConcurrentCalls} calls run at once, at most
 * {@code maxQueuedCalls} wait for a slot (each no longer than the queue timeout or its own deadline), and
 * the rest are refused at once with RESOURCE_EXHAUSTED, so that overload is a fast, typed answer.
 */
final class ThrottlingInterceptor implements InvocationInterceptor {
    private final ThrottlingConfig config;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();

    ThrottlingInterceptor(ThrottlingConfig config) {
        this.config = config;
        this.slots = new Semaphore(config.maxConcurrentCalls(), true);
    }

    @Override
    public Object intercept(Invocation invocation, Next next) throws Throwable {
        if (!slots.tryAcquire()) {
            acquireQueued(invocation);
        }
        try {
            return next.proceed(invocation);
        } finally {
            slots.release();
        }
    }

    private void acquireQueued(Invocation invocation) throws InterruptedException {
        if (waiting.incrementAndGet() > config.maxQueuedCalls()) {
            waiting.decrementAndGet();
            throw busy();
        }
        try {
            Duration wait = config.queueTimeout();
            Duration left = invocation.context().timeRemaining();
            boolean deadlineFirst = left != null && left.compareTo(wait) < 0;
            if (deadlineFirst) {
                wait = left.isNegative() ? Duration.ZERO : left;
            }
            if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw deadlineFirst
                        ? new ServiceException(FaultCode.DEADLINE_EXCEEDED, "deadline passed while waiting for a free call slot")
                        : busy();
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    private ServiceException busy() {
        return new ServiceException(FaultCode.RESOURCE_EXHAUSTED, "server busy: " + config.maxConcurrentCalls()
                + " calls running and " + config.maxQueuedCalls() + " waiting; retry later");
    }
}
