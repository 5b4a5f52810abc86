package io.wcf4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.ConfigLoader;
import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.conformance.CallInfo;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.BasicCredentials;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client endpoints configured in YAML: what a named endpoint sets reaches the call, and what is wrong names its key. */
class ClientEndpointConfigurationTest {
    private static ServiceHost host;

    @TempDir
    static Path dir;

    /** A behavior named by class in the configuration: it marks every call. */
    public static final class MarkingBehavior implements ClientBehavior {
        @Override
        public Object invoke(ClientCall call, Next next) throws Exception {
            call.metadata().put("x-marked", "by configuration");
            return next.proceed(call);
        }
    }

    @BeforeAll
    static void open() {
        host = ServiceHost.builder(ConformanceService.class).implementation(new ConformanceServiceImpl())
                .endpoint("conformance", "local:client-config", BindingConfig.of("local")).build();
        host.open();
    }

    @AfterAll
    static void close() {
        host.close();
    }

    private static Wcf4jConfig config(String clients) {
        String yaml = """
                wcf4j:
                  bindings:
                    quick-local: { type: local, send-timeout: 30s }
                  credentials:
                    teller: { user: teller, password: "${TELLER_PASSWORD}" }
                    service-token: { token-file: "%s" }
                  clients:
                %s""".formatted(dir.resolve("token"), clients.indent(4));
        return ConfigLoader.parseYaml(yaml, Map.of("TELLER_PASSWORD", "pässword")::get);
    }

    private static final String CONFORMANCE = """
            conformance:
              contract: io.wcf4j.conformance.ConformanceService
              address: local:client-config
              binding: quick-local
              settings: { send-timeout: 4s }
              credentials: teller
              behaviors: [io.wcf4j.ClientEndpointConfigurationTest$MarkingBehavior]
            with-token: { address: "local:client-config", binding: local, credentials: service-token }
            """;

    @Test
    void aNamedEndpoint_givesTheProxyItsAddress_bindingSettings_credentialAndBehaviors() {
        try (ChannelFactory<ConformanceService> factory = ChannelFactory.create(ConformanceService.class, config(CONFORMANCE),
                "conformance")) {
            ConformanceService proxy = factory.createChannel();
            assertThat(factory.address().toString()).isEqualTo("local:client-config");
            assertThat(proxy.callInfo("authorization").getMetadataValue())
                    .isEqualTo(BasicCredentials.encode("teller", "pässword".toCharArray()));
            assertThat(proxy.callInfo("x-marked").getMetadataValue()).isEqualTo("by configuration");
            // the client's own send-timeout (4s) over its binding configuration's (30s)
            assertThat(proxy.callInfo(null).getRemainingMillis()).isBetween(1_000L, 4_000L);
        }
    }

    @Test
    void aTokenFile_isReadForEveryCall_soThatItMayBeRotated() throws Exception {
        Files.writeString(dir.resolve("token"), "first-token\n");
        try (ChannelFactory<ConformanceService> factory = ChannelFactory.create(ConformanceService.class, config(CONFORMANCE),
                "with-token")) {
            ConformanceService proxy = factory.createChannel();
            assertThat(proxy.callInfo("authorization").getMetadataValue()).isEqualTo("Bearer first-token");
            Files.writeString(dir.resolve("token"), "second-token\n");
            CallInfo after = proxy.callInfo("authorization");
            assertThat(after.getMetadataValue()).isEqualTo("Bearer second-token");
        }
    }

    @Test
    void codeAfterTheConfiguration_overridesIt() {
        try (ChannelFactory<ConformanceService> factory = ChannelFactory.builder(ConformanceService.class)
                .clientEndpoint(config(CONFORMANCE), "conformance").setting("send-timeout", "50s").build()) {
            assertThat(factory.createChannel().callInfo(null).getRemainingMillis()).isGreaterThan(40_000L);
        }
    }

    @Test
    void anUnknownEndpointName_listsTheDefinedOnes() {
        assertThatThrownBy(() -> ChannelFactory.create(ConformanceService.class, config(CONFORMANCE), "ledger"))
                .isInstanceOf(ConfigException.class).hasMessage("wcf4j.clients.ledger: no client endpoint of this name; "
                        + "defined: [conformance, with-token]");
    }

    @Test
    void whatIsWrong_namesItsKey() {
        assertThatThrownBy(() -> ChannelFactory.create(Runnable.class, config(CONFORMANCE), "conformance"))
                .hasMessageStartingWith("wcf4j.clients.conformance.contract: names io.wcf4j.conformance.ConformanceService");
        assertThatThrownBy(() -> config("c: { address: local:x, binding: local, credentials: nobody }"))
                .hasMessage("wcf4j.clients.c.credentials: no credential named 'nobody'; defined under wcf4j.credentials: "
                        + "[service-token, teller]");
        assertThatThrownBy(() -> config("c: { address: local:x, binding: local, timeout: 5s }"))
                .hasMessageStartingWith("wcf4j.clients.c.timeout: unknown key; expected one of [address, behaviors,");
        assertThatThrownBy(() -> config("c: { binding: local }")).hasMessage("wcf4j.clients.c.address: missing (required)");
        assertThatThrownBy(() -> create("c: { address: local:x, binding: local, settings: { send-timeout: soon } }"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("wcf4j.clients.c.settings.send-timeout: ");
        assertThatThrownBy(() -> create("c: { address: local:x, binding: local, settings: { sned-timeout: 5s } }"))
                .hasMessageStartingWith("wcf4j.clients.c.settings.sned-timeout: unknown setting");
        assertThatThrownBy(() -> create("c: { address: http://localhost/x, binding: quick-local }"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("wcf4j.clients.c: binding local does not serve 'http:'");
        assertThatThrownBy(() -> create("c: { address: local:x, binding: no-such-binding }"))
                .isInstanceOf(ConfigException.class).hasMessage("wcf4j.clients.c.binding: no binding of type 'no-such-binding' on the classpath (present: [local])");
        assertThatThrownBy(() -> create("c: { address: local:x, binding: local, behaviors: [java.lang.String] }"))
                .hasMessage("wcf4j.clients.c.behaviors[0]: java.lang.String is not a io.wcf4j.spi.ClientBehavior");
        assertThatThrownBy(() -> create("c: { address: local:x, binding: local, behaviors: [com.example.Missing] }"))
                .hasMessage("wcf4j.clients.c.behaviors[0]: no class com.example.Missing");
    }

    @Test
    void aBadSettingOfANamedBindingConfiguration_namesThatBindingsKey() {
        Wcf4jConfig c = ConfigLoader.parseYaml("""
                wcf4j:
                  bindings: { slow-local: { type: local, send-timeout: never } }
                  clients: { c: { address: local:x, binding: slow-local } }
                """, k -> null);
        assertThatThrownBy(() -> ChannelFactory.create(ConformanceService.class, c, "c"))
                .hasMessageStartingWith("wcf4j.bindings.slow-local.send-timeout: ");
    }

    @Test
    void aCredentialIsAUserWithOnePassword_orOneToken() {
        assertThatThrownBy(() -> credentials("{ user: a, password: x, token: y }"))
                .hasMessage("wcf4j.credentials.c: a credential is a user with a password or a token, not both");
        assertThatThrownBy(() -> credentials("{ user: a }"))
                .hasMessage("wcf4j.credentials.c.password: user a needs exactly one of password (best a ${VARIABLE}) and password-file");
        assertThatThrownBy(() -> credentials("{ password: x }")).hasMessage("wcf4j.credentials.c.user: missing: a password is for a user");
        assertThatThrownBy(() -> credentials("{ token: x, token-file: y }"))
                .hasMessage("wcf4j.credentials.c: expected a user with a password, or exactly one of token and token-file");
        assertThatThrownBy(() -> credentials("{ user: a, password: \"${NOT_SET}\" }"))
                .hasMessage("wcf4j.credentials.c.password: placeholder ${NOT_SET} has no value and no default");
        Wcf4jConfig missingFile = credentials("{ user: a, password-file: /nonexistent/password }");
        assertThatThrownBy(() -> ChannelFactory.create(ConformanceService.class, missingFile, "c"))
                .hasMessageStartingWith("wcf4j.credentials.c.password-file: cannot read /nonexistent/password");
        assertThat(missingFile.credentials().get("c").toString()).doesNotContain("password-file").contains("user a");
        assertThat(credentials("{ user: a, password: s3cret }").credentials().get("c").toString()).doesNotContain("s3cret");
    }

    private static Wcf4jConfig credentials(String credential) {
        return ConfigLoader.parseYaml("""
                wcf4j:
                  credentials: { c: %s }
                  clients: { c: { address: "local:client-config", binding: local, credentials: c } }
                """.formatted(credential), k -> null);
    }

    private static ChannelFactory<ConformanceService> create(String client) {
        return ChannelFactory.create(ConformanceService.class, config(client), "c");
    }
}
