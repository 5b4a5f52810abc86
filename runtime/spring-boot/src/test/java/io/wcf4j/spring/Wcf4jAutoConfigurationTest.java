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

    @Test
    void environmentOverridesTheFileKeyByKey_andMayHoldTheWholeModel() {
        // maps merge key by key; a list is replaced whole by the source that wins, as everywhere in Boot
        runner.withPropertyValues("wcf4j.config-location=classpath:local-service.yml",
                "wcf4j.services.conformance.endpoints[0].address=local:from-the-command-line",
                "wcf4j.services.conformance.endpoints[0].binding=local",
                "wcf4j.behaviors.default.throttling.max-concurrent-calls=3",
                "wcf4j.data-dir=/somewhere", "wcf4j.test-client.enabled=true").run(ctx -> {
            Wcf4jConfig config = ctx.getBean(Wcf4jConfig.class);
            assertThat(config.services().get("conformance").endpoints()).singleElement()
                    .satisfies(e -> assertThat(e.address()).isEqualTo("local:from-the-command-line"));
            assertThat(config.behaviorFor(null).throttling().maxConcurrentCalls()).isEqualTo(3);
        });
        var env = new org.springframework.core.env.StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("test", java.util.Map.of(
                "wcf4j.public-host", "ledger.example", "wcf4j.bindings.fast.type", "local", "wcf4j.bindings.fast.send-timeout", "5s",
                "wcf4j.security.users.teller.password", "${TELLER_PASSWORD:{bcrypt}x}",
                "wcf4j.security.users.teller.roles", "teller,auditor", "wcf4j.security.failed-logins.max-delay", "2s")));
        Wcf4jConfig config = Wcf4jConfigBinder.bind(env);
        assertThat(config.publicHost()).isEqualTo("ledger.example");
        assertThat(config.bindingFor("fast").type()).isEqualTo("local");
        assertThat(config.bindingFor("fast").settings()).containsEntry("send-timeout", "5s");
        assertThat(config.security().users().get("teller").password()).isEqualTo("{bcrypt}x");
        assertThat(config.security().users().get("teller").roles()).containsExactly("teller", "auditor");
        assertThat(config.security().failedLogins().maxDelay()).isEqualTo(java.time.Duration.ofSeconds(2));
    }

    @Test
    void wrongKeysAndValuesFailStartUpNamingTheKey() {
        runner.withPropertyValues("wcf4j.behaviors.fast.throttling.max-concurent-calls=3").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessage("wcf4j.behaviors.fast.throttling.max-concurent-calls: "
                        + "unknown key; expected one of [max-concurrent-calls, max-queued-calls, queue-timeout]"));
        runner.withPropertyValues("wcf4j.behaviors.fast.close-timeout=soon").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("wcf4j.behaviors.fast.close-timeout: ")
                        .hasMessageContaining("invalid value 'soon'"));
        runner.withPropertyValues("wcf4j.behaviors.fast.throttling.max-queued-calls=-2").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause()
                        .hasMessage("wcf4j.behaviors.fast.throttling.max-queued-calls: invalid value '-2' (expected an integer >= 0)"));
        runner.withPropertyValues("wcf4j.config-location=classpath:bad-root-key.yml").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageStartingWith("wcf4j.servces: unknown key; expected one of ")
                        .hasMessageContaining("services"));
    }

    @Test
    void theModelHasIdeMetadata() throws Exception {
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).contains("\"wcf4j.services\"", "\"wcf4j.bindings\"", "\"wcf4j.security.jwt.issuer\"",
                    "\"wcf4j.public-host\"", "\"wcf4j.clients\"", "\"wcf4j.message-logging.enabled\"");
        }
        try (var in = getClass().getResourceAsStream("/META-INF/additional-spring-configuration-metadata.json")) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"wcf4j.config-location\"", "\"wcf4j.data-dir\"");
        }
    }
}
