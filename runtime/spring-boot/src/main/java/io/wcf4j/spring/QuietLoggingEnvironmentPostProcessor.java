package io.wcf4j.spring;

import io.wcf4j.internal.QuietLogbackDefaults;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A quiet first run under Spring Boot too: the libraries under wcf4j (CXF, Artemis, Jersey, Netty, grpc-java, WSS4J)
 * log at WARN unless the application sets their {@code logging.level.*} itself, as {@link QuietLogbackDefaults}
 * does for logback without Spring. Otherwise CXF alone logs "Creating Service" for every SOAP proxy and every
 * declared fault a service throws, at INFO.
 */
public final class QuietLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> levels = new LinkedHashMap<>();
        QuietLogbackDefaults.QUIETER.forEach(library -> levels.put("logging.level." + library, "WARN"));
        // last: every property source of the application's own comes first
        environment.getPropertySources().addLast(new MapPropertySource("wcf4j-quiet-logging", levels));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
