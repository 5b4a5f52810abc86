package io.wcf4j.bench;

/**
 * One thing the harness measures: a wcf4j binding or a raw baseline. Each scenario asks for the operation it
 * needs; a target that cannot do it (a raw socket has no database) returns null there.
 */
interface Target extends AutoCloseable {
    /** A round trip, checked: {@code getAccount} or the same bytes for a raw baseline. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    String name();

    /** The baseline this target is compared with, or null for a baseline. */
    String baseline();

    /** The process that serves this target (for its CPU time), as a PID. */
    long serverPid();

    /** A {@code getAccount}-sized round trip for the calling thread (callers may need their own connection). */
    Call lookup() throws Exception;

    /** A {@code transfer} (database write, request-reply), or null. */
    default Call transfer() throws Exception {
        return null;
    }

    /** A one-way {@code submitTransfer}, or null. */
    default Call submit() throws Exception {
        return null;
    }

    /** How many one-way calls have been applied so far (for the until-applied scenario); -1 if not applicable. */
    default long applied() throws Exception {
        return -1;
    }

    /** The largest payload the contract allows: a 1,000-entry statement; or null. */
    default Call largePayload() throws Exception {
        return null;
    }

    @Override
    default void close() throws Exception {
    }
}
