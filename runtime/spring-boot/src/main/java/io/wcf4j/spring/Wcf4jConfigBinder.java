package io.wcf4j.spring;

import io.wcf4j.config.ConfigDocument;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.Wcf4jConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Binds the service model ({@link Wcf4jProperties}) with Spring Boot's binder from the environment and from
 * {@code wcf4j.yml}: the location in {@code wcf4j.config-location} if set (it must exist), else
 * {@code ./config/wcf4j.yml}, else {@code classpath:wcf4j.yml}, else nothing. The environment (application.yml,
 * command line, environment variables) wins over the file, key by key; placeholders ({@code ${server.port}}) resolve
 * from the environment. Every key under the model's keys must bind (a misspelt one fails naming itself and what
 * its level accepts), and every root key of the file must be a model key.
 */
final class Wcf4jConfigBinder {
    static final String LOCATION_PROPERTY = "wcf4j.config-location";

    private Wcf4jConfigBinder() {
    }

    static Wcf4jConfig bind(Environment env) {
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.get(env).forEach(s -> sources.add(s.filter(Wcf4jConfigBinder::isModelKey)));
        for (PropertySource<?> file : configFile(env)) {
            checkRootKeys(file);
            ConfigurationPropertySources.from(file).forEach(sources::add);
        }
        Binder binder = new Binder(sources, env instanceof ConfigurableEnvironment c
                ? new PropertySourcesPlaceholdersResolver(c) : new PropertySourcesPlaceholdersResolver(List.of()));
        Wcf4jProperties properties;
        try {
            properties = binder.bind("wcf4j", Bindable.of(Wcf4jProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                    .orElse(null);
        } catch (BindException e) {
            throw configException(e);
        }
        return properties == null ? Wcf4jConfig.empty() : properties.toDocument().toConfig();
    }

    private static boolean isModelKey(ConfigurationPropertyName name) {
        return name.getNumberOfElements() >= 2 && name.getElement(0, ConfigurationPropertyName.Form.UNIFORM).equals("wcf4j")
                && Wcf4jProperties.MODEL_KEYS.contains(name.getElement(1, ConfigurationPropertyName.Form.DASHED));
    }

    /** The file's keys are all the model's: anything else there is a misspelling, not some other module's setting. */
    private static void checkRootKeys(PropertySource<?> file) {
        if (!(file instanceof EnumerablePropertySource<?> e)) {
            return;
        }
        for (String key : e.getPropertyNames()) {
            ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
            if (!name.getElement(0, ConfigurationPropertyName.Form.UNIFORM).equals("wcf4j")) {
                throw new ConfigException(name.getElement(0, ConfigurationPropertyName.Form.ORIGINAL),
                        "unknown root key; the configuration lives under 'wcf4j'");
            }
            if (!isModelKey(name)) {
                String rootKey = name.getNumberOfElements() < 2 ? "wcf4j" : "wcf4j." + name.getElement(1, ConfigurationPropertyName.Form.ORIGINAL);
                throw new ConfigException(rootKey, "unknown key; expected one of " + ConfigDocument.keysAt("wcf4j"));
            }
        }
    }

    private static List<PropertySource<?>> configFile(Environment env) {
        DefaultResourceLoader loader = new DefaultResourceLoader();
        String explicit = env.getProperty(LOCATION_PROPERTY);
        Resource resource = null;
        if (explicit != null && !explicit.isBlank()) {
            resource = loader.getResource(explicit.contains(":") && !explicit.matches("^[A-Za-z]:\\\\.*") ? explicit : "file:" + explicit);
            if (!resource.exists()) {
                throw new ConfigException(LOCATION_PROPERTY, "no configuration file at " + explicit);
            }
        } else {
            for (String candidate : new String[] {"file:config/wcf4j.yml", "classpath:wcf4j.yml"}) {
                Resource r = loader.getResource(candidate);
                if (r.exists()) {
                    resource = r;
                    break;
                }
            }
        }
        if (resource == null) {
            return List.of();
        }
        try {
            return new YamlPropertySourceLoader().load("wcf4j configuration " + resource.getDescription(), resource);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(LOCATION_PROPERTY, "cannot read " + resource.getDescription() + ": " + e.getMessage());
        }
    }

    /** The binder's failure as the loader outside Spring words it: the key's path first, then what was wrong. */
    private static ConfigException configException(BindException e) {
        if (e.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
            ConfigurationProperty first = unbound.getUnboundProperties().iterator().next();
            ConfigurationPropertyName name = first.getName();
            return new ConfigException(name.toString(), "unknown key; expected one of "
                    + ConfigDocument.keysAt(name.getParent().toString()));
        }
        ConfigurationProperty property = e.getProperty();
        Class<?> type = e.getTarget().getType().resolve(Object.class);
        String expected = ConfigDocument.expected(type);
        String key = property != null ? property.getName().toString() : e.getName().toString();
        Object value = property != null ? property.getValue() : null;
        return new ConfigException(key, value == null ? "cannot bind: " + e.getCause().getMessage()
                : "invalid value '" + value + "' (expected " + expected + ")");
    }
}
