package io.wcf4j.http;

import java.io.IOException;

/** Thrown by a request body stream whose bytes cross the configured limit. */
public final class MessageTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public MessageTooLargeException(long limit) {
        super("message larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Whether {@code t} or one of its causes is a {@link MessageTooLargeException}. */
    public static MessageTooLargeException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MessageTooLargeException m) {
                return m;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
