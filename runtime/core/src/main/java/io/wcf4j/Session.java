package io.wcf4j;

/**
 * A binding's session with one caller (a TCP connection, say). Per-session instances live as long as it;
 * a duplex service registers here what to forget when the caller goes away.
 *
 * @since 0.1
 */
public interface Session {
    /** The session id, unique in the host. */
    String id();

    /** Whether the caller is still connected. */
    boolean isOpen();

    /** Runs {@code action} once when the session ends (at once if it already has). */
    void onClose(Runnable action);
}
