package io.wcf4j.spi;

/**
 * A durable queue of a service's accepted one-way calls. With one, the Dispatcher persists an admitted one-way call
 * before it acknowledges it, so that an acknowledgement (HTTP 202, a net.tcp one-way frame taken) means the call
 * survives a crash of the host; the journal then gives each call back to run, those left by an earlier run first,
 * and forgets it once it ran. Without one, accepted calls wait in memory.
 *
 * <p>A binding whose store can hold calls (a message broker) opens journals ({@link Binding#openOneWayJournal});
 * the service's behavior names the binding configuration whose store to use ({@code one-way-journal}).
 *
 * <p>Only sessionless calls are journaled (SOAP and REST over HTTP, gRPC without a session): a call that belongs to
 * a session (a net.tcp or net.pipe connection, its instance and callbacks) cannot outlive it, and waits in memory.
 *
 * <p>Delivery is at least once: a host that dies while a call runs runs it again after its restart, so an operation
 * that must not apply twice takes an idempotency key, as the sample's transfers do. Thread-safe.
 *
 * @since 0.1
 */
public interface OneWayJournal extends AutoCloseable {

    /**
     * Persists an admitted call (its operation, arguments, caller and metadata, never its credentials); returns once
     * the store holds it durably.
     *
     * @throws io.wcf4j.ServiceException RESOURCE_EXHAUSTED when the store is full, UNAVAILABLE when it cannot be reached
     */
    void append(Invocation admitted);

    /**
     * Starts giving the persisted calls to {@code runner} on {@code threads} threads of the journal's own. What becomes
     * of a call is the journal's to decide from its outcome, as a queue binding decides for a one-way message: it ran
     * (a value or a declared fault), it is dropped aside for a person to look at (its caller's fault), or it is tried
     * again later (the service failed), up to a number of attempts.
     */
    void start(int threads, Runner runner);

    /** Stops giving calls, letting those in hand finish; the calls not yet run stay in the store for the next start. */
    @Override
    void close();

    /** Runs a call given back by the journal; blocks until it ran. */
    @FunctionalInterface
    interface Runner {
        /**
         * @param call the call as appended: its caller authenticated as then, no deadline
         * @return the call's outcome, or null when the service is stopping (the journal keeps the call for the next start)
         */
        Outcome run(Invocation call);
    }
}
