package io.wcf4j.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resources shared by the endpoints of one or more hosts: an HTTP server per port, a broker connection, the
 * directory of published endpoints. Bindings look theirs up by type and create it on first use; the owner
 * of the resources (the host that created them, or the Spring context) closes them all, in reverse order of
 * creation, when it closes.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class HostResources implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostResources.class);

    private final Map<Class<?>, Object> resources = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private boolean closed;

    /** The resource of this type, created by {@code factory} on first use (and closed with these resources if closeable). */
    public synchronized <T> T computeIfAbsent(Class<T> type, Supplier<? extends T> factory) {
        if (closed) {
            throw new IllegalStateException("host resources are closed");
        }
        Object existing = resources.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        T created = factory.get();
        resources.put(type, created);
        if (created instanceof AutoCloseable c) {
            closeables.add(c);
        }
        return created;
    }

    /** Registers a resource made elsewhere (e.g. by Spring); it is not closed by these resources. */
    public synchronized <T> void put(Class<T> type, T resource) {
        resources.put(type, type.cast(resource));
    }

    /** The resources that can report their health ({@link HealthCheck}), in order of creation. */
    public synchronized List<HealthCheck> healthChecks() {
        List<HealthCheck> checks = new ArrayList<>();
        for (Object r : resources.values()) {
            if (r instanceof HealthCheck h) {
                checks.add(h);
            }
        }
        return checks;
    }

    /** The resource of this type, or null. */
    public synchronized <T> T get(Class<T> type) {
        return type.cast(resources.get(type));
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(closeables);
        }
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed", c, e);
            }
        }
    }
}
