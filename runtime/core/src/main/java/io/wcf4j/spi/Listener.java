package io.wcf4j.spi;

import java.net.URI;
import java.util.Map;

/**
 * A listening endpoint, returned by {@link Binding#listen}.
 *
 * <p>{@link #close()} is called once, after the host has drained in-flight calls (or given up waiting);
 * it stops accepting and releases what the listener holds. It must not throw for an already closed listener.
 *
 * @since 0.1
 */
public interface Listener extends AutoCloseable {

    /** The address actually listened on (a port 0 in configuration resolved to the bound port). */
    URI address();

    /** Documents that describe the endpoint, by kind ({@code wsdl}, {@code openapi}), absolute. */
    default Map<String, URI> documents() {
        return Map.of();
    }

    @Override
    void close();
}
