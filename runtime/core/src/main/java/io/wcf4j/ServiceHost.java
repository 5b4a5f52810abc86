package io.wcf4j;

import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.annotation.ServiceBehavior;
import io.wcf4j.config.BehaviorConfig;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.EndpointConfig;
import io.wcf4j.config.ServiceConfig;
import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.internal.AuthorizationBehavior;
import io.wcf4j.internal.ClientPipeline;
import io.wcf4j.internal.DefaultDispatcher;
import io.wcf4j.internal.EndpointSecurity;
import io.wcf4j.internal.HostCallbackChannel;
import io.wcf4j.internal.InstanceProvider;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.security.AuthenticationBehavior;
import io.wcf4j.security.IdentityStore;
import io.wcf4j.spi.Binding;
import io.wcf4j.spi.BindingRegistry;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.ContractDocuments;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.EndpointDirectory;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.EndpointStatistic;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.MetadataDocuments;
import io.wcf4j.spi.OneWayJournal;
import io.wcf4j.spi.PublishedEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts one service on its endpoints (WCF's {@code ServiceHost}): one implementation, one Dispatcher, any
 * number of endpoints, each an address plus a binding.
 *
 * <pre>{@code
 * ServiceHost host = ServiceHost.builder(Ledger.class)
 *         .implementation(new JdbcLedger(dataSource))
 *         .endpoint("http://0.0.0.0:8080/services/ledger", "soap-http")
 *         .endpoint("http://0.0.0.0:8080/api/ledger", "rest-json")
 *         .build();
 * host.open();
 * ...
 * host.close();   // drains in-flight calls, then closes the endpoints
 * }</pre>
 *
 * <p>Lifecycle: {@link #open()} once; then {@link #close()} once (later calls do nothing). If an endpoint
 * fails to open, those already open are closed and {@code open} throws. Thread-safe.
 *
 * @since 0.1
 */
public final class ServiceHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceHost.class);

    private enum State { CREATED, OPEN, CLOSED }

    private final String serviceName;
    private final ContractDescription contract;
    private final List<EndpointSpec> endpointSpecs;
    private final BehaviorConfig behavior;
    private final Supplier<?> implementationFactory;
    private final Class<?> implementationClass;
    private final InstanceMode instancing;
    private final List<DispatchBehavior> dispatchBehaviors;
    private final ClientPipeline callbackPipeline;
    private final BindingRegistry registry;
    private final HostResources resources;
    private final boolean ownsResources;
    /** The binding configuration whose store keeps accepted one-way calls, or null to keep them in memory. */
    private final BindingConfig oneWayJournal;

    private final List<Listener> listeners = new ArrayList<>();
    private final List<PublishedEndpoint> published = new ArrayList<>();
    /** The contract's description for metadata, written once (see {@link ContractDocuments}); empty without a writer. */
    private String contractDocument;
    /** The metadata documents this host published, by file name: withdrawn when it closes, and only those. */
    private final Map<String, MetadataDocuments.Document> publishedDocuments = new LinkedHashMap<>();
    /** The binding configuration each open endpoint was opened with, by endpoint name. */
    private final Map<String, BindingConfig> openedBindings = new LinkedHashMap<>();
    private volatile DefaultDispatcher dispatcher;
    private State state = State.CREATED;
    /** Open until this is counted down, when the host has closed (see {@link #runUntilShutdown}). */
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    private ServiceHost(Builder<?> b) {
        this.serviceName = b.serviceName;
        this.contract = ContractDescription.of(b.contract);
        this.endpointSpecs = List.copyOf(b.endpoints);
        this.behavior = b.behavior;
        this.implementationFactory = b.implementationFactory;
        this.implementationClass = b.implementationClass;
        this.dispatchBehaviors = List.copyOf(b.dispatchBehaviors);
        this.callbackPipeline = new ClientPipeline(b.clientBehaviors);
        this.registry = b.registry != null ? b.registry : BindingRegistry.getDefault();
        this.ownsResources = b.resources == null;
        this.oneWayJournal = b.oneWayJournal;
        this.resources = b.resources != null ? b.resources : new HostResources();
        this.instancing = resolveInstancing(b);
        if (!b.contract.isAssignableFrom(b.implementationClass)) {
            throw new ConfigException("wcf4j.services." + serviceName + ".implementation", b.implementationClass.getName()
                    + " does not implement the contract " + b.contract.getName());
        }
    }

    /** Starts building a host for a contract interface. */
    public static <T> Builder<T> builder(Class<T> contract) {
        return new Builder<>(contract);
    }

    /**
     * A host for one service of a configuration.
     *
     * @param implementationFactory makes instances of the implementation (called once for single instancing)
     * @param implementationClass   the implementation's class, for its {@code @ServiceBehavior}
     * @param dispatchBehaviors     behaviors of the service's Dispatcher, each in its phase
     * @param clientBehaviors       behaviors of the callbacks the service makes on duplex endpoints
     */
    public static ServiceHost fromConfig(Wcf4jConfig config, String serviceName, Supplier<?> implementationFactory,
                                         Class<?> implementationClass, HostResources resources, BindingRegistry registry,
                                         List<DispatchBehavior> dispatchBehaviors, List<ClientBehavior> clientBehaviors) {
        ServiceConfig service = config.services().get(serviceName);
        if (service == null) {
            throw new ConfigException("wcf4j.services." + serviceName, "no such service; defined: " + config.services().keySet());
        }
        Class<?> contract = loadContract(service.contract(), "wcf4j.services." + serviceName + ".contract");
        BehaviorConfig behavior = config.behaviorFor(service.behavior());
        Builder<?> b = new Builder<>(contract).name(serviceName).resources(resources).registry(registry).behavior(behavior);
        if (behavior.oneWayJournal() != null) {
            b.oneWayJournal(config.bindingFor(behavior.oneWayJournal()));
        }
        b.implementationFactory = implementationFactory;
        b.implementationClass = implementationClass;
        dispatchBehaviors.forEach(b::dispatchBehavior);
        clientBehaviors.forEach(b::clientBehavior);
        List<EndpointConfig> eps = service.endpoints();
        for (int i = 0; i < eps.size(); i++) {
            EndpointConfig e = eps.get(i);
            BindingConfig bc = config.bindingFor(e.binding());
            String path = config.bindings().containsKey(e.binding())
                    ? "wcf4j.bindings." + e.binding()
                    : "wcf4j.services." + serviceName + ".endpoints[" + i + "].binding";
            b.endpoints.add(new EndpointSpec(e.name(), e.address(), bc, path));
        }
        return b.build();
    }

    private static Class<?> loadContract(String name, String path) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : ServiceHost.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(path, "contract interface " + name + " is not on the classpath");
        }
    }

    /** The service name. */
    public String name() {
        return serviceName;
    }

    /** The contract. */
    public ContractDescription contract() {
        return contract;
    }

    /** The open endpoints, with the addresses actually listened on. */
    public synchronized List<PublishedEndpoint> endpoints() {
        return Collections.unmodifiableList(new ArrayList<>(published));
    }

    /**
     * The binding configuration (type and settings, as configured) an open endpoint was opened with, for tools in the
     * host's own process that call its endpoints (the web test client); empty for a name that is not open. Its settings
     * may name key files and secrets: never publish them.
     */
    public synchronized java.util.Optional<BindingConfig> endpointBinding(String endpointName) {
        return java.util.Optional.ofNullable(openedBindings.get(endpointName));
    }

    /** The statistics of each open endpoint that keeps some, by endpoint name (see {@link EndpointStatistic}). */
    public synchronized Map<String, List<EndpointStatistic>> endpointStatistics() {
        Map<String, List<EndpointStatistic>> all = new LinkedHashMap<>();
        for (int i = 0; i < published.size(); i++) {
            List<EndpointStatistic> stats = listeners.get(i).statistics();
            if (!stats.isEmpty()) {
                all.put(published.get(i).name(), stats);
            }
        }
        return all;
    }

    /** Calls running their operation now (each holds one of the throttle's call slots); 0 before open. */
    public int runningCalls() {
        DefaultDispatcher d = dispatcher;
        return d == null ? 0 : d.runningCalls();
    }

    /** Calls waiting for a call slot, and accepted one-way calls waiting to run; 0 before open. */
    public int queuedCalls() {
        DefaultDispatcher d = dispatcher;
        return d == null ? 0 : d.queuedCalls();
    }

    /**
     * Opens every endpoint. Returns when all listen.
     *
     * @throws ConfigException for a binding or setting that configuration got wrong
     * @throws IllegalStateException if an endpoint cannot listen, or the host is not new
     */
    public synchronized void open() {
        if (state != State.CREATED) {
            throw new IllegalStateException("host " + serviceName + " is " + state + "; open it once");
        }
        long start = System.nanoTime();
        List<DispatchBehavior> behaviors = new ArrayList<>(dispatchBehaviors);
        AuthorizationBehavior.forService(contract, implementationClass).ifPresent(behaviors::add);
        OneWayJournal journal = openOneWayJournal();
        dispatcher = new DefaultDispatcher(serviceName, contract, InstanceProvider.forMode(instancing, implementationFactory),
                behavior.throttling(), behaviors, journal);
        EndpointDirectory directory = resources.computeIfAbsent(EndpointDirectory.class, EndpointDirectory::new);
        AuthenticationBehavior authentication = (AuthenticationBehavior) dispatchBehaviors.stream()
                .filter(AuthenticationBehavior.class::isInstance).findFirst().orElse(null);
        if (authentication != null) {
            // message security in a binding (WS-Security) checks passwords where the authentication stage does
            resources.computeIfAbsent(IdentityStore.class, authentication::store);
            // for bindings that check a credential once per connection
            resources.computeIfAbsent(AuthenticationBehavior.class, () -> authentication);
        }
        Set<String> names = new HashSet<>();
        try {
            for (EndpointSpec spec : endpointSpecs) {
                Binding binding = registry.get(spec.binding.type(), spec.path + (spec.path.endsWith(".binding") ? "" : ".type"));
                EndpointAddress address;
                try {
                    address = EndpointAddress.parse(spec.address);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("wcf4j.services." + serviceName + ".endpoints.address", e.getMessage());
                }
                if (!binding.schemes().contains(address.scheme())) {
                    throw new ConfigException("wcf4j.services." + serviceName + ".endpoints.address", "binding "
                            + binding.type() + " does not serve '" + address.scheme() + ":' addresses (it serves "
                            + binding.schemes() + "): " + spec.address);
                }
                BindingSettings settings = BindingSettings.validate(spec.path, binding.settings(), spec.binding.settings());
                String name = spec.name != null ? spec.name : serviceName + "-" + spec.binding.name();
                for (int n = 2; !names.add(name); n++) {
                    name = (spec.name != null ? spec.name : serviceName + "-" + spec.binding.name()) + "-" + n;
                }
                EndpointSecurity.refuseInsecure(spec.path + (spec.path.endsWith(".binding") ? "" : ".security-mode"), name,
                        address, settings);
                EndpointAddress listenAddress = address;
                String bindingType = binding.type();
                Duration callbackTimeout = settings.get(CommonSettings.SEND_TIMEOUT);
                Listener listener = binding.listen(new ListenContext(new EndpointInfo(serviceName, name, bindingType),
                        address, contract, settings, dispatcher, resources,
                        channel -> new HostCallbackChannel(contract, callbackPipeline, channel, listenAddress, bindingType,
                                callbackTimeout, channel.toString())));
                listeners.add(listener);
                PublishedEndpoint pe = new PublishedEndpoint(name, serviceName, contract.type().getName(),
                        binding.type(), listener.address(), listener.documents(), EndpointSecurity.mode(settings, address),
                        EndpointSecurity.clientCredentials(settings, address, authentication));
                published.add(pe);
                openedBindings.put(name, spec.binding);
                publishContractDocument(name);
                directory.add(pe);
                log.info("endpoint {} listening: {} {} ({})", name, binding.type(), listener.address(), contract.type().getSimpleName());
            }
        } catch (RuntimeException e) {
            abortOpen();
            throw e;
        } catch (Exception e) {
            abortOpen();
            throw new IllegalStateException("host " + serviceName + " failed to open: " + e.getMessage(), e);
        }
        state = State.OPEN;
        // calls left by an earlier run go first, now that the service can take them
        dispatcher.startJournal();
        log.info("service {} open on {} endpoints in {} ms", serviceName, listeners.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Closes the host, letting in-flight calls finish within the behavior's close timeout. */
    @Override
    public void close() {
        close(behavior.closeTimeout());
    }

    /**
     * Closes the host: new calls are refused with UNAVAILABLE, calls in flight (queued one-way calls
     * included) get up to {@code grace} to finish, then every endpoint closes.
     *
     * @return true if every in-flight call finished within the grace period
     */
    public boolean close(Duration grace) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return true;
            }
            if (state == State.CREATED) {
                state = State.CLOSED;
                if (ownsResources) {
                    resources.close();
                }
                closed.countDown();
                return true;
            }
            state = State.CLOSED;
            for (Listener l : listeners) {
                l.stopAccepting();
            }
        }
        boolean drained = dispatcher.shutdown(grace);
        synchronized (this) {
            closeListeners();
        }
        log.info("service {} closed{}", serviceName, drained ? "" : " (some calls did not finish in time)");
        closed.countDown();
        return drained;
    }

    /**
     * What a standalone host's {@code main} ends with: opens the host if it is new, then keeps the calling thread
     * until the JVM is asked to stop (SIGTERM from systemd or {@code kill}, Ctrl-C) or {@link #close} is called
     * elsewhere. On SIGTERM a shutdown hook closes the host with its behavior's close timeout: new calls are refused,
     * calls in flight finish, then the endpoints close, before the JVM exits.
     *
     * @throws InterruptedException if the waiting thread is interrupted (the host stays open)
     */
    public void runUntilShutdown() throws InterruptedException {
        synchronized (this) {
            if (state == State.CREATED) {
                open();
            }
        }
        Thread hook = new Thread(this::close, "wcf4j-shutdown-" + serviceName);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            closed.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook is running or has run
            }
        }
    }

    /** The journal of accepted one-way calls the behavior names, opened; null if they wait in memory. */
    private OneWayJournal openOneWayJournal() {
        if (oneWayJournal == null) {
            return null;
        }
        String path = "wcf4j.bindings." + oneWayJournal.name();
        Binding binding = registry.get(oneWayJournal.type(), path + ".type");
        BindingSettings settings = BindingSettings.validate(path, binding.settings(), oneWayJournal.settings());
        try {
            OneWayJournal journal = binding.openOneWayJournal(new EndpointInfo(serviceName, serviceName + "-one-way-journal",
                    binding.type()), contract, settings, resources);
            log.info("service {}: accepted one-way calls are persisted ({} {}) before they are acknowledged", serviceName,
                    binding.type(), oneWayJournal.name());
            return journal;
        } catch (UnsupportedOperationException e) {
            throw new ConfigException("wcf4j.behaviors.one-way-journal", "binding configuration '" + oneWayJournal.name()
                    + "' is of type " + binding.type() + ", which keeps no calls; name one of type soap-jms");
        }
    }

    private void abortOpen() {
        closeListeners();
        if (dispatcher != null) {
            dispatcher.shutdown(Duration.ZERO);
        }
        state = State.CLOSED;
        if (ownsResources) {
            resources.close();
        }
        closed.countDown();
    }

    /** The contract's description as {@code /metadata/<endpoint>.contract.json}, when a writer is on the class path. */
    private void publishContractDocument(String endpointName) {
        if (contractDocument == null) {
            // one class-path lookup and one description per host, however many endpoints it has
            contractDocument = ContractDocuments.find().map(writer -> writer.json(contract)).orElse("");
        }
        if (contractDocument.isEmpty()) {
            return;
        }
        MetadataDocuments.Document document = new MetadataDocuments.Document(endpointName, "contract", "application/json",
                contractDocument);
        resources.computeIfAbsent(MetadataDocuments.class, MetadataDocuments::new).put(endpointName + ".contract.json", document);
        publishedDocuments.put(endpointName + ".contract.json", document);
    }

    private void closeListeners() {
        EndpointDirectory directory = resources.get(EndpointDirectory.class);
        MetadataDocuments documents = resources.get(MetadataDocuments.class);
        if (documents != null) {
            publishedDocuments.forEach(documents::remove);
        }
        publishedDocuments.clear();
        for (PublishedEndpoint pe : published) {
            if (directory != null) {
                directory.remove(pe);
            }
        }
        for (int i = listeners.size() - 1; i >= 0; i--) {
            try {
                listeners.get(i).close();
            } catch (RuntimeException e) {
                log.warn("closing endpoint {} failed", listeners.get(i).address(), e);
            }
        }
        listeners.clear();
        published.clear();
        openedBindings.clear();
        if (ownsResources) {
            resources.close();
        }
    }

    private InstanceMode resolveInstancing(Builder<?> b) {
        if (b.behavior.instancing() != null) {
            return b.behavior.instancing();
        }
        ServiceBehavior sb = b.implementationClass.getAnnotation(ServiceBehavior.class);
        return sb != null ? sb.instancing() : InstanceMode.PER_CALL;
    }

    private record EndpointSpec(String name, String address, BindingConfig binding, String path) {
    }

    /**
     * Builds a {@link ServiceHost}.
     *
     * @param <T> the contract type
     */
    public static final class Builder<T> {
        private final Class<?> contract;
        private String serviceName;
        private Supplier<?> implementationFactory;
        private Class<?> implementationClass;
        private BehaviorConfig behavior = BehaviorConfig.DEFAULT;
        private final List<EndpointSpec> endpoints = new ArrayList<>();
        private final List<DispatchBehavior> dispatchBehaviors = new ArrayList<>();
        private final List<ClientBehavior> clientBehaviors = new ArrayList<>();
        private BindingRegistry registry;
        private HostResources resources;
        private BindingConfig oneWayJournal;

        private Builder(Class<?> contract) {
            this.contract = Objects.requireNonNull(contract, "contract");
            this.serviceName = contract.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        }

        /** The service name (default: the contract's simple name in lower case). */
        public Builder<T> name(String name) {
            this.serviceName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** One instance serves every call (it must be thread-safe). */
        public Builder<T> implementation(T instance) {
            Objects.requireNonNull(instance, "instance");
            this.implementationFactory = () -> instance;
            this.implementationClass = instance.getClass();
            return this;
        }

        /** Instances come from a factory, as the instancing mode asks (per call, per session or once). */
        public Builder<T> implementationFactory(Class<? extends T> type, Supplier<? extends T> factory) {
            this.implementationFactory = Objects.requireNonNull(factory, "factory");
            this.implementationClass = Objects.requireNonNull(type, "type");
            return this;
        }

        public Builder<T> behavior(BehaviorConfig behavior) {
            this.behavior = Objects.requireNonNull(behavior, "behavior");
            return this;
        }

        /**
         * Persists accepted one-way calls before they are acknowledged, in the store of a binding of this configuration
         * (a {@code soap-jms} one: its broker), and runs them from there; see {@link OneWayJournal}. By default they
         * wait in memory.
         */
        public Builder<T> oneWayJournal(BindingConfig binding) {
            this.oneWayJournal = Objects.requireNonNull(binding, "binding");
            return this;
        }

        /** Adds an endpoint with a binding type and default settings. */
        public Builder<T> endpoint(String address, String bindingType) {
            return endpoint(null, address, BindingConfig.of(bindingType));
        }

        /** Adds an endpoint with a binding configuration. */
        public Builder<T> endpoint(String name, String address, BindingConfig binding) {
            endpoints.add(new EndpointSpec(name, Objects.requireNonNull(address, "address"),
                    Objects.requireNonNull(binding, "binding"), "endpoint " + address + " binding " + binding.name()));
            return this;
        }

        /**
         * Adds a behavior to the service's Dispatcher: it runs in its phase, by its order, for every call on every
         * endpoint.
         */
        public Builder<T> dispatchBehavior(DispatchBehavior behavior) {
            dispatchBehaviors.add(Objects.requireNonNull(behavior, "behavior"));
            return this;
        }

        /** Adds a behavior that every callback the service makes (on a duplex endpoint) runs, by its order. */
        public Builder<T> clientBehavior(ClientBehavior behavior) {
            clientBehaviors.add(Objects.requireNonNull(behavior, "behavior"));
            return this;
        }

        /** Resources shared with other hosts (HTTP servers by port); by default the host has its own. */
        public Builder<T> resources(HostResources resources) {
            this.resources = resources;
            return this;
        }

        /** The bindings to use; by default those found by {@link java.util.ServiceLoader}. */
        public Builder<T> registry(BindingRegistry registry) {
            this.registry = registry;
            return this;
        }

        public ServiceHost build() {
            if (implementationFactory == null) {
                throw new IllegalStateException("service " + serviceName + " has no implementation");
            }
            return new ServiceHost(this);
        }
    }
}
