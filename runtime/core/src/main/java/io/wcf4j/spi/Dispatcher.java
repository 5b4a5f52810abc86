package io.wcf4j.spi;

import io.wcf4j.model.ContractDescription;

/**
 * The one invocation pipeline every binding calls. A binding decodes its wire into an {@link Invocation},
 * calls {@link #dispatch} and writes the {@link Outcome} back; it does nothing else.
 *
 * <p>The Dispatcher runs the behaviors (deadline, throttling, and those that later modules add:
 * authentication, authorization, transactions, metrics) in one fixed order, gets an instance from the
 * instance provider, calls the implementation, and maps what it throws: a declared fault stays typed,
 * {@link io.wcf4j.ServiceException} keeps its code and message, anything else becomes
 * {@link io.wcf4j.FaultCode#INTERNAL} with a reference id and no detail (the exception is logged).
 *
 * <p>Thread-safe: bindings call it from any number of threads.
 *
 * @since 0.1
 */
public interface Dispatcher {

    /** The contract this dispatcher serves. */
    ContractDescription contract();

    /**
     * Runs a request-reply call on the calling thread and returns its outcome. Never throws.
     */
    Outcome dispatch(Invocation invocation);

    /**
     * Accepts a one-way call: returns as soon as the call is queued for execution (the binding then
     * acknowledges it), or an error outcome if it cannot be accepted (host closing, queue full). The call
     * runs later on the dispatcher's one-way executor; its failure is logged, never sent back.
     */
    Outcome dispatchOneWay(Invocation invocation);

    /** Tells the dispatcher that a session ended (the binding's connection closed), so per-session instances go. */
    void sessionClosed(String sessionId);
}
