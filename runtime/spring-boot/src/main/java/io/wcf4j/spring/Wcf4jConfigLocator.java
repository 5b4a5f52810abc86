package io.wcf4j.spring;

import io.wcf4j.config.ConfigException;
import io.wcf4j.config.ConfigLoader;
import io.wcf4j.config.Wcf4jConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Finds and loads {@code wcf4j.yml}: the location in {@code wcf4j.config-location} if set (it must exist), else
 * {@code ./config/wcf4j.yml}, else {@code classpath:wcf4j.yml}, else nothing (a host that serves nothing).
 * Placeholders ({@code ${server.port}}) resolve from the Spring environment.
 */
final class Wcf4jConfigLocator {
    static final String LOCATION_PROPERTY = "wcf4j.config-location";

    private Wcf4jConfigLocator() {
    }

    static Wcf4jConfig load(Environment env) {
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
            return Wcf4jConfig.empty();
        }
        try (InputStream in = resource.getInputStream()) {
            return ConfigLoader.parseYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), env::getProperty);
        } catch (IOException e) {
            throw new ConfigException(LOCATION_PROPERTY, "cannot read " + resource + ": " + e.getMessage());
        }
    }
}
