package io.wcf4j.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the router checks before a request reaches a binding's servlet, and how the binding wants a refusal
 * written (a SOAP fault, a problem document).
 *
 * @param maxRequestBytes the largest request body accepted; a larger declared {@code Content-Length} is
 *                        refused before anything is read, a chunked body is cut off when it crosses the limit
 *                        (the read fails with {@link MessageTooLargeException})
 * @param tooLarge        writes the refusal
 * @since 0.1
 */
public record RequestLimits(long maxRequestBytes, Responder tooLarge) {

    /** Writes a refusal in the binding's idiom. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException;
    }
}
