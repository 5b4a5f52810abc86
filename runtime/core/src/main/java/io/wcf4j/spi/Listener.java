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

    /** The figures this endpoint's binding keeps for monitoring (see {@link EndpointStatistic}); none by default. */
    default java.util.List<EndpointStatistic> statistics() {
        return java.util.List.of();
    }

    /**
     * Stops taking new calls, before the host drains the calls in flight; {@link #close()} follows. For a
     * listener that pulls its calls (a queue consumer) this leaves the rest where they wait; a listener that
     * is called (HTTP, TCP) may do nothing here, as the Dispatcher refuses new calls while draining.
     */
    default void stopAccepting() {
    }

    @Override
    void close();

    /** A listener whose {@link #close()} runs {@code closer} once, however often it is called. */
    static Listener of(URI address, Map<String, URI> documents, Runnable closer) {
        return of(address, documents, java.util.List.of(), closer);
    }

    /** A listener with statistics whose {@link #close()} runs {@code closer} once, however often it is called. */
    static Listener of(URI address, Map<String, URI> documents, java.util.List<EndpointStatistic> statistics, Runnable closer) {
        java.util.List<EndpointStatistic> stats = java.util.List.copyOf(statistics);
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Map<String, URI> docs = Map.copyOf(documents);
        return new Listener() {
            @Override
            public URI address() {
                return address;
            }

            @Override
            public Map<String, URI> documents() {
                return docs;
            }

            @Override
            public java.util.List<EndpointStatistic> statistics() {
                return stats;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    closer.run();
                }
            }

            @Override
            public String toString() {
                return "Listener[" + address + "]";
            }
        };
    }
}
