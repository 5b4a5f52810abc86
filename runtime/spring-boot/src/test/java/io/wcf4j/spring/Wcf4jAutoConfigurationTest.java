package io.wcf4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.conformance.ConformanceService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class Wcf4jAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Wcf4jAutoConfiguration.class));

    @Test
    void withoutConfigurationStartsAndServesNothing() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(Wcf4jConfig.class).services()).isEmpty();
            assertThat(ctx.getBean(Wcf4jHosts.class).endpoints()).isEmpty();
        });
    }

    @Test
    void configuredServiceOpensItsEndpointsAndAnswers() {
        runner.withPropertyValues("wcf4j.config-location=classpath:local-service.yml").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            ctx.start();
            Wcf4jHosts hosts = ctx.getBean(Wcf4jHosts.class);
            assertThat(hosts.endpoints()).singleElement().satisfies(e -> assertThat(e.binding()).isEqualTo("local"));
            try (ChannelFactory<ConformanceService> f = ChannelFactory.create(ConformanceService.class, "local:spring-conformance", "local")) {
                assertThat(f.createChannel().add(2, 3)).isEqualTo(5);
            }
        });
    }

    @Test
    void unknownKeyFailsStartUpNamingTheKey() {
        runner.withPropertyValues("wcf4j.config-location=classpath:bad-key.yml").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause()
                    .hasMessageStartingWith("wcf4j.services.conformance.endpoints[0].colour");
        });
    }

    @Test
    void missingExplicitConfigFileFails() {
        runner.withPropertyValues("wcf4j.config-location=/no/such/wcf4j.yml").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("/no/such/wcf4j.yml");
        });
    }

    @Test
    void applicationConfigBeanWins() {
        runner.withBean(Wcf4jConfig.class, Wcf4jConfig::empty)
                .withPropertyValues("wcf4j.config-location=classpath:bad-key.yml")
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }
}
