package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.OperationContext;
import io.wcf4j.ServiceException;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationInterceptor;
import io.wcf4j.spi.Outcome;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dispatcher: the behaviors in their fixed order, then the instance provider and the implementation,
 * then fault mapping. See {@link Dispatcher} for the contract.
 *
 * <p>Pipeline order, outermost first: deadline check, throttling, then the behaviors added by modules in
 * the order given (authentication, authorization, transactions, metrics ...), then the call. Fault mapping
 * wraps it all.
 */
public final class DefaultDispatcher implements Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(DefaultDispatcher.class);

    private final ContractDescription contract;
    private final String serviceName;
    private final InstanceProvider instances;
    private final InvocationInterceptor.Next pipeline;
    private final ThreadPoolExecutor oneWayExecutor;
    private final ThrottlingConfig throttling;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drainLock = new Object();
    private volatile boolean closing;

    public DefaultDispatcher(String serviceName, ContractDescription contract, InstanceProvider instances,
                             ThrottlingConfig throttling, List<InvocationInterceptor> behaviors) {
        this.serviceName = serviceName;
        this.contract = contract;
        this.instances = instances;
        this.throttling = throttling;
        List<InvocationInterceptor> chain = new ArrayList<>();
        chain.add(new DeadlineInterceptor());
        chain.add(new ThrottlingInterceptor(throttling));
        chain.addAll(behaviors);
        InvocationInterceptor.Next next = this::invokeImplementation;
        for (int i = chain.size() - 1; i >= 0; i--) {
            InvocationInterceptor interceptor = chain.get(i);
            InvocationInterceptor.Next rest = next;
            next = inv -> interceptor.intercept(inv, rest);
        }
        this.pipeline = next;
        int threads = Math.max(1, Math.min(throttling.maxConcurrentCalls(), 8));
        AtomicInteger n = new AtomicInteger();
        this.oneWayExecutor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, throttling.maxQueuedCalls())), r -> {
                    Thread t = new Thread(r, "wcf4j-oneway-" + serviceName + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.oneWayExecutor.allowCoreThreadTimeOut(true);
    }

    @Override
    public ContractDescription contract() {
        return contract;
    }

    @Override
    public Outcome dispatch(Invocation invocation) {
        if (!enter()) {
            return shuttingDown();
        }
        try {
            return run(invocation);
        } finally {
            leave();
        }
    }

    @Override
    public Outcome dispatchOneWay(Invocation invocation) {
        if (!enter()) {
            return shuttingDown();
        }
        Runnable task = () -> {
            try {
                Outcome o = run(invocation);
                if (o.kind() != Outcome.Kind.VALUE) {
                    log.warn("one-way call {}.{} failed: {}", serviceName, invocation.operation().name(), o);
                }
            } finally {
                leave();
            }
        };
        try {
            oneWayExecutor.execute(task);
            return Outcome.value(null);
        } catch (RejectedExecutionException e) {
            // the queue is full: the caller waits for room, as a throttled request-reply call waits for a slot,
            // so that a burst slows its sender down instead of being dropped
            try {
                Duration wait = throttling.queueTimeout();
                Duration left = invocation.context().timeRemaining();
                if (left != null && left.compareTo(wait) < 0) {
                    wait = left.isNegative() ? Duration.ZERO : left;
                }
                if (!closing && oneWayExecutor.getQueue().offer(task, wait.toNanos(), TimeUnit.NANOSECONDS)) {
                    return Outcome.value(null);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            leave();
            return Outcome.error(FaultCode.RESOURCE_EXHAUSTED, "server busy: one-way queue is full; retry later");
        }
    }

    @Override
    public void sessionClosed(String sessionId) {
        instances.sessionClosed(sessionId);
    }

    /**
     * Stops accepting calls (new ones get UNAVAILABLE) and waits for those in flight, queued one-way calls
     * included, to finish.
     *
     * @return true if every call finished within {@code grace}
     */
    public boolean shutdown(Duration grace) {
        closing = true;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (drainLock) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("service {}: {} calls still running after the {} grace period; closing anyway",
                            serviceName, inFlight.get(), grace);
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drainLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        oneWayExecutor.shutdownNow();
        try {
            // its threads must be gone when the host is: a container checks for threads left behind
            oneWayExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        instances.close();
        return inFlight.get() == 0;
    }

    /** Calls currently running or queued. */
    public int inFlight() {
        return inFlight.get();
    }

    private boolean enter() {
        inFlight.incrementAndGet();
        if (closing) {
            leave();
            return false;
        }
        return true;
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0 && closing) {
            synchronized (drainLock) {
                drainLock.notifyAll();
            }
        }
    }

    private Outcome shuttingDown() {
        return Outcome.error(FaultCode.UNAVAILABLE, "service " + serviceName + " is shutting down");
    }

    private Outcome run(Invocation invocation) {
        try {
            return Outcome.value(pipeline.proceed(invocation));
        } catch (Throwable t) {
            return mapFault(invocation, t);
        }
    }

    private Object invokeImplementation(Invocation invocation) throws Throwable {
        Object instance = instances.acquire(invocation.context());
        try {
            return OperationContext.runWith(invocation.context(),
                    () -> invocation.operation().method().invoke(instance, invocation.arguments()));
        } catch (IllegalArgumentException e) {
            // thrown by reflection itself (the implementation's own would be wrapped): a binding passed
            // arguments that do not fit, e.g. null for a primitive
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, "arguments do not fit operation "
                    + invocation.operation().name() + ": a value is missing or of the wrong type");
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            instances.release(instance, invocation.context());
        }
    }

    private Outcome mapFault(Invocation invocation, Throwable t) {
        if (t instanceof Exception e) {
            Optional<FaultDescription> declared = invocation.operation().faultFor(e);
            if (declared.isPresent()) {
                return Outcome.fault(e, declared.get());
            }
        }
        if (t instanceof ServiceException se && !(t instanceof io.wcf4j.RemoteServiceException)) {
            if (se.code() == FaultCode.INTERNAL) {
                log.error("service {} operation {} failed", serviceName, invocation.operation().name(), se);
            }
            return Outcome.error(se.code(), se.getMessage());
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("service {} operation {} failed with an undeclared {} (reference {})", serviceName,
                invocation.operation().name(), t.getClass().getName(), reference, t);
        return Outcome.error(FaultCode.INTERNAL, "internal error (reference " + reference + ")");
    }
}
