package io.wcf4j.spring;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Publishes {@code wcf4j.data-path}: the absolute, normalised form of {@code wcf4j.data-dir} (default
 * {@code ./data}), for configuration values that need an absolute path, such as a {@code net.pipe:///} socket
 * address under the data directory.
 */
public final class DataDirectoryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    static final String DATA_DIR = "wcf4j.data-dir";
    static final String DATA_PATH = "wcf4j.data-path";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dir = environment.getProperty(DATA_DIR, "./data");
        String absolute = Path.of(dir).toAbsolutePath().normalize().toString();
        environment.getPropertySources().addLast(new MapPropertySource("wcf4j-data-path", Map.of(DATA_PATH, absolute)));
    }

    @Override
    public int getOrder() {
        // after the application's own configuration files are loaded
        return Ordered.LOWEST_PRECEDENCE;
    }
}
