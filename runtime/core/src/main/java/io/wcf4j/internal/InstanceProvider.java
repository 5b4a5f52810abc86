package io.wcf4j.internal;

import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.spi.InvocationContext;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Dispatcher the service instance for a call (WCF's instance context modes). Thread-safe.
 */
public abstract class InstanceProvider implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InstanceProvider.class);

    /** The instance that serves this call. */
    public abstract Object acquire(InvocationContext context);

    /** Called after the call with the instance {@link #acquire} gave. */
    public void release(Object instance, InvocationContext context) {
    }

    /** Called when a binding's session ends. */
    public void sessionClosed(String sessionId) {
    }

    @Override
    public void close() {
    }

    /** The provider for a mode; {@code factory} makes a new instance. */
    public static InstanceProvider forMode(InstanceMode mode, Supplier<?> factory) {
        Objects.requireNonNull(factory, "factory");
        return switch (mode) {
            case SINGLE -> new Single(factory.get());
            case PER_CALL -> new PerCall(factory);
            case PER_SESSION -> new PerSession(factory);
        };
    }

    static void dispose(Object instance) {
        if (instance instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing service instance {} failed", instance.getClass().getName(), e);
            }
        }
    }

    private static final class Single extends InstanceProvider {
        private final Object instance;

        Single(Object instance) {
            this.instance = Objects.requireNonNull(instance, "instance");
        }

        @Override
        public Object acquire(InvocationContext context) {
            return instance;
        }
    }

    private static final class PerCall extends InstanceProvider {
        private final Supplier<?> factory;

        PerCall(Supplier<?> factory) {
            this.factory = factory;
        }

        @Override
        public Object acquire(InvocationContext context) {
            return factory.get();
        }

        @Override
        public void release(Object instance, InvocationContext context) {
            dispose(instance);
        }
    }

    /** One instance per session; a sessionless call gets its own instance, as in WCF. */
    private static final class PerSession extends InstanceProvider {
        private final Supplier<?> factory;
        private final Map<String, Object> sessions = new ConcurrentHashMap<>();
        /** Instances made for one call only (no session, or an ended one), by identity. */
        private final java.util.Set<Object> callScoped =
                java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

        PerSession(Supplier<?> factory) {
            this.factory = factory;
        }

        @Override
        public Object acquire(InvocationContext context) {
            String id = context.sessionId();
            // a call still queued when its session ended gets an instance of its own, disposed after the call:
            // one kept for the ended session would never be disposed
            boolean ended = context.session() != null && !context.session().isOpen();
            if (id == null || ended) {
                Object own = factory.get();
                callScoped.add(own);
                return own;
            }
            return sessions.computeIfAbsent(id, k -> factory.get());
        }

        @Override
        public void release(Object instance, InvocationContext context) {
            if (callScoped.remove(instance)) {
                dispose(instance);
            }
        }

        @Override
        public void sessionClosed(String sessionId) {
            Object instance = sessions.remove(sessionId);
            if (instance != null) {
                dispose(instance);
            }
        }

        @Override
        public void close() {
            sessions.keySet().forEach(this::sessionClosed);
        }
    }
}
