package io.wcf4j.spi;

/**
 * A behavior in the Dispatcher's pipeline: it sees each invocation and calls {@code next} to continue
 * (or does not, to refuse the call by throwing). Used for authentication, authorization, throttling,
 * transactions, logging and metrics, so that each is written once for every binding.
 *
 * <p>Implementations must be thread-safe; one instance serves every call of a service.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface InvocationInterceptor {

    /**
     * Handles one invocation.
     *
     * @return the result of {@code next.proceed(invocation)}, or another value of the operation's type
     * @throws Throwable a declared fault, a {@link io.wcf4j.ServiceException}, or anything else (mapped to INTERNAL)
     */
    Object intercept(Invocation invocation, Next next) throws Throwable;

    /** The rest of the pipeline. */
    @FunctionalInterface
    interface Next {
        Object proceed(Invocation invocation) throws Throwable;
    }
}
