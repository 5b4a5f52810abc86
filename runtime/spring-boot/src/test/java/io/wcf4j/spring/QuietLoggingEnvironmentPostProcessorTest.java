package io.wcf4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The libraries under wcf4j log at WARN under Spring Boot, unless the application says otherwise. */
class QuietLoggingEnvironmentPostProcessorTest {
    @Test
    void librariesAreAtWarn_butTheApplicationsOwnLevelWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of("logging.level.org.apache.cxf", "DEBUG")));
        new QuietLoggingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.level.org.apache.cxf")).isEqualTo("DEBUG");
        assertThat(environment.getProperty("logging.level.org.apache.activemq")).isEqualTo("WARN");
        assertThat(environment.getProperty("logging.level.io.grpc")).isEqualTo("WARN");
        assertThat(environment.getProperty("logging.level.io.wcf4j")).as("wcf4j's own lines stay").isNull();
    }
}
