package io.wcf4j.spi;

/**
 * The phases of the Dispatcher's pipeline, outermost first. Every {@link DispatchBehavior} declares one; within
 * a phase, behaviors run by {@link DispatchBehavior#order()}.
 *
 * <pre>
 *  OBSERVE   metrics, tracing, message logging: sees every call and its final outcome, after fault mapping,
 *            and (through {@link DispatchBehavior#refused}) every message a binding refused before dispatch
 *    ADMIT   deadline (built in, order -1000), authentication, authorization, per-caller limits; then
 *            throttling (built in, last: a request-reply call waits for a call slot; a one-way call for a place in
 *            the one-way queue, and takes its call slot when it runs). Runs on the receiving side, before a
 *            one-way call is acknowledged, so that a refusal reaches the caller
 *      EXECUTE   transaction scope, trace scope; then the OperationContext (built in, innermost), the
 *                instance and the method. A one-way call runs this phase after it was acknowledged, on the
 *                service's one-way executor, without its sender's deadline
 * </pre>
 *
 * @since 0.1
 */
public enum Phase {
    /** Sees everything, changes nothing the caller did not already get; never refuses. */
    OBSERVE,
    /** Decides whether the call runs at all. */
    ADMIT,
    /** Sets up what the operation runs inside. */
    EXECUTE
}
