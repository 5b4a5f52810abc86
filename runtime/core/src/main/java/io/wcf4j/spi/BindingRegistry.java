package io.wcf4j.spi;

import io.wcf4j.config.ConfigException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bindings on the classpath, by type, found with {@link ServiceLoader}. Thread-safe.
 *
 * @since 0.1
 */
public final class BindingRegistry {
    /** Which module brings which binding type, for the error when one is missing. */
    private static final Map<String, String> MODULES = Map.of(
            "soap-http", "io.wcf4j:wcf4j-binding-soap",
            "rest-json", "io.wcf4j:wcf4j-binding-rest",
            "soap-jms", "io.wcf4j:wcf4j-binding-jms",
            "net-tcp", "io.wcf4j:wcf4j-binding-tcp",
            "net-pipe", "io.wcf4j:wcf4j-binding-tcp",
            "grpc", "io.wcf4j:wcf4j-binding-grpc");

    private static volatile BindingRegistry defaultRegistry;

    private final Map<String, Binding> byType = new ConcurrentHashMap<>();

    /** The bindings found by {@link ServiceLoader} in this class's class loader, loaded once. */
    public static BindingRegistry getDefault() {
        BindingRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (BindingRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    r = load(BindingRegistry.class.getClassLoader());
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    /** The bindings found by {@link ServiceLoader} in a class loader. */
    public static BindingRegistry load(ClassLoader loader) {
        BindingRegistry r = new BindingRegistry();
        for (Binding b : ServiceLoader.load(Binding.class, loader)) {
            r.register(b);
        }
        return r;
    }

    /** Adds a binding; among available bindings of one type the highest priority stays. */
    public BindingRegistry register(Binding binding) {
        if (binding.isAvailable()) {
            byType.merge(binding.type(), binding, (a, b) -> b.priority() > a.priority() ? b : a);
        }
        return this;
    }

    /**
     * The binding of a type.
     *
     * @param path the configuration key path that named the type, for the error message
     * @throws ConfigException naming the module to add when no binding of that type is present
     */
    public Binding get(String type, String path) {
        Binding b = byType.get(type);
        if (b == null) {
            String module = MODULES.get(type);
            throw new ConfigException(path, "no binding of type '" + type + "' on the classpath"
                    + (module != null ? "; add the dependency " + module : "")
                    + " (present: " + new TreeMap<>(byType).keySet() + ")");
        }
        return b;
    }
}
