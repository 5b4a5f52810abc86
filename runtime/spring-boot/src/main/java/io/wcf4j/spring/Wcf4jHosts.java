package io.wcf4j.spring;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.ServiceConfig;
import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.spi.BindingRegistry;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.PublishedEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The configured services' {@link ServiceHost}s as a Spring lifecycle: opened after the web server starts
 * (so HTTP endpoints know their port) and closed, draining in-flight calls, before it stops.
 *
 * <p>An implementation named in configuration is a bean name if such a bean exists, else a class that Spring
 * creates (and autowires) for the host.
 */
public final class Wcf4jHosts implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Wcf4jHosts.class);

    /** After the web server has started (MAX_VALUE - 2048), before its graceful shutdown (MAX_VALUE - 1024) when stopping. */
    static final int PHASE = Integer.MAX_VALUE - 512;

    private final Wcf4jConfig config;
    private final HostResources resources;
    private final ConfigurableListableBeanFactory beans;
    private final List<DispatchBehavior> dispatchBehaviors;
    private final List<ClientBehavior> clientBehaviors;
    private final List<ServiceHost> hosts = new ArrayList<>();
    private volatile boolean running;
    private volatile long openMillis;

    Wcf4jHosts(Wcf4jConfig config, HostResources resources, ConfigurableListableBeanFactory beans,
               List<DispatchBehavior> dispatchBehaviors, List<ClientBehavior> clientBehaviors) {
        this.config = config;
        this.resources = resources;
        this.beans = beans;
        this.dispatchBehaviors = List.copyOf(dispatchBehaviors);
        this.clientBehaviors = List.copyOf(clientBehaviors);
    }

    @Override
    public synchronized void start() {
        long start = System.nanoTime();
        try {
            for (ServiceConfig service : config.services().values()) {
                ServiceHost host = ServiceHost.fromConfig(config, service.name(), implementation(service),
                        implementationClass(service), resources, BindingRegistry.getDefault(), dispatchBehaviors, clientBehaviors);
                hosts.add(host);
                host.open();
            }
        } catch (RuntimeException e) {
            closeAll(Duration.ZERO);
            throw e;
        }
        openMillis = (System.nanoTime() - start) / 1_000_000;
        running = true;
    }

    @Override
    public synchronized void stop() {
        closeAll(null);
        running = false;
    }

    /**
     * Closes every host at once: each stops taking calls at the same moment and they drain side by side,
     * so the whole stop takes one grace period, not one per service.
     */
    private void closeAll(Duration grace) {
        List<Thread> closing = new ArrayList<>();
        for (ServiceHost h : hosts) {
            Thread t = new Thread(() -> {
                try {
                    if (grace == null) {
                        h.close();
                    } else {
                        h.close(grace);
                    }
                } catch (RuntimeException e) {
                    log.warn("closing service {} failed", h.name(), e);
                }
            }, "wcf4j-close-" + h.name());
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        hosts.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The hosts, in configuration order. */
    public synchronized List<ServiceHost> hosts() {
        return List.copyOf(hosts);
    }

    /** Every open endpoint. */
    public synchronized List<PublishedEndpoint> endpoints() {
        List<PublishedEndpoint> all = new ArrayList<>();
        hosts.forEach(h -> all.addAll(h.endpoints()));
        return all;
    }

    /** How long opening every endpoint took. */
    public long openMillis() {
        return openMillis;
    }

    private Supplier<?> implementation(ServiceConfig service) {
        String name = service.implementation();
        if (beans.containsBean(name)) {
            return () -> beans.getBean(name);
        }
        Class<?> type = implementationClass(service);
        return () -> beans.createBean(type);
    }

    private Class<?> implementationClass(ServiceConfig service) {
        String name = service.implementation();
        if (beans.containsBean(name)) {
            Class<?> type = beans.getType(name);
            if (type == null) {
                throw new ConfigException("wcf4j.services." + service.name() + ".implementation", "bean '" + name + "' has no known type");
            }
            return type;
        }
        try {
            return Class.forName(name, false, beans.getBeanClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException("wcf4j.services." + service.name() + ".implementation",
                    "'" + name + "' is neither a bean name nor a class on the classpath");
        }
    }
}
