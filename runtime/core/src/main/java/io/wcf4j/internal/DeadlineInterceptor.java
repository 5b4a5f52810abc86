package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationInterceptor;
import java.time.Duration;

/** Refuses a call whose caller has already stopped waiting: running it would be wasted work. */
final class DeadlineInterceptor implements InvocationInterceptor {
    @Override
    public Object intercept(Invocation invocation, Next next) throws Throwable {
        Duration left = invocation.context().timeRemaining();
        if (left != null && (left.isNegative() || left.isZero())) {
            throw new ServiceException(FaultCode.DEADLINE_EXCEEDED,
                    "deadline passed before operation " + invocation.operation().name() + " started");
        }
        return next.proceed(invocation);
    }
}
