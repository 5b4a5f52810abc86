package io.wcf4j.conformance;

import io.wcf4j.FaultCode;
import io.wcf4j.OperationContext;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.InvocationContext;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** The conformance service; records what tests need to observe on the server side. Thread-safe. */
public class ConformanceServiceImpl implements ConformanceService {
    /** Tokens of one-way calls, in arrival order. */
    public final BlockingQueue<String> oneWayTokens = new LinkedBlockingQueue<>();
    /** Slow calls that have started, and finished. */
    public final AtomicInteger slowStarted = new AtomicInteger();
    public final AtomicInteger slowFinished = new AtomicInteger();
    /** Slow calls that stopped early because their caller cancelled them. */
    public final AtomicInteger slowCancelled = new AtomicInteger();
    /** Where {@link #relayRemainingMillis} calls on; set by the test. */
    public volatile ConformanceService downstream;

    @Override
    public String echo(String text) {
        return text;
    }

    @Override
    public int add(int a, int b) {
        return Math.addExact(a, b);
    }

    @Override
    public Payload echoPayload(Payload payload) {
        return payload;
    }

    @Override
    public void fireAndForget(String token) {
        oneWayTokens.add(token);
    }

    @Override
    public String failDeclared(String code) throws ConformanceFaultException {
        throw new ConformanceFaultException("declared failure " + code, new ConformanceFaultInfo(code, true));
    }

    @Override
    public String failUndeclared(String secret) {
        throw new IllegalStateException("undeclared failure leaking " + secret);
    }

    @Override
    public int validatePositive(int n) {
        if (n <= 0) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, "n must be positive, was " + n);
        }
        return n;
    }

    @Override
    public String slow(long millis) {
        slowStarted.incrementAndGet();
        OperationContext context = OperationContext.current();
        long until = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        try {
            // in steps, as a long operation should: a caller that gives up stops it
            for (long left = millis; left > 0; left = Duration.ofNanos(until - System.nanoTime()).toMillis()) {
                if (context.isCancelled()) {
                    slowCancelled.incrementAndGet();
                    throw new ServiceException(FaultCode.CANCELLED, "stopped: " + context.invocation().cancellationReason());
                }
                Thread.sleep(Math.min(left, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(FaultCode.UNAVAILABLE, "interrupted");
        }
        slowFinished.incrementAndGet();
        return "slept " + millis;
    }

    @Override
    public CallInfo callInfo(String metadataKey) {
        InvocationContext c = OperationContext.current().invocation();
        CallInfo info = new CallInfo();
        info.setService(c.serviceName());
        info.setEndpoint(c.endpointName());
        info.setBinding(c.bindingType());
        info.setRemoteAddress(c.remoteAddress());
        info.setPrincipal(c.principal() == null ? null : c.principal().getName());
        info.setVerifiedPrincipal(c.peer().verifiedPrincipal() == null ? null : c.peer().verifiedPrincipal().getName());
        Duration left = c.timeRemaining();
        info.setRemainingMillis(left == null ? -1 : left.toMillis());
        info.setMetadataValue(metadataKey == null ? null : c.metadata().get(metadataKey));
        return info;
    }

    @Override
    public long relayRemainingMillis() {
        ConformanceService next = downstream;
        if (next == null) {
            throw new ServiceException(FaultCode.UNAVAILABLE, "no downstream service set");
        }
        return next.callInfo(null).getRemainingMillis();
    }

    @Override
    public String whoAmI() {
        return OperationContext.current().principal().getName();
    }

    @Override
    public String adminEcho(String text) {
        return text;
    }
}
