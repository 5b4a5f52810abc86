package io.wcf4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.spi.BindingRegistry;
import io.wcf4j.internal.LocalBinding;
import io.wcf4j.spi.CommonSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final String GOOD = """
            wcf4j:
              public-host: ledger.example
              services:
                ledger:
                  contract: io.wcf4j.conformance.ConformanceService
                  implementation: conformanceService
                  behavior: fast
                  endpoints:
                    - { address: "local:${service.name:ledger}", binding: local-fast }
                    - { name: second, address: "local:other", binding: local }
              bindings:
                local-fast: { type: local, send-timeout: 5s }
              behaviors:
                fast: { instancing: single, throttling: { max-concurrent-calls: 8, max-queued-calls: 0 }, close-timeout: 2s }
            """;

    @Test
    void loadsServicesBindingsAndBehaviors() {
        Wcf4jConfig c = ConfigLoader.parseYaml(GOOD, name -> null);
        assertThat(c.publicHost()).isEqualTo("ledger.example");
        ServiceConfig s = c.services().get("ledger");
        assertThat(s.endpoints()).hasSize(2);
        assertThat(s.endpoints().get(0).address()).isEqualTo("local:ledger");
        assertThat(s.endpoints().get(1).name()).isEqualTo("second");
        BehaviorConfig b = c.behaviorFor("fast");
        assertThat(b.instancing()).isEqualTo(InstanceMode.SINGLE);
        assertThat(b.throttling().maxConcurrentCalls()).isEqualTo(8);
        assertThat(b.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
        BindingConfig bc = c.bindingFor("local-fast");
        BindingSettings settings = BindingSettings.validate("wcf4j.bindings.local-fast",
                new LocalBinding().settings(), bc.settings());
        assertThat(settings.get(CommonSettings.SEND_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void placeholdersResolveFromTheResolver() {
        Wcf4jConfig c = ConfigLoader.parseYaml(GOOD, name -> name.equals("service.name") ? "books" : null);
        assertThat(c.services().get("ledger").endpoints().get(0).address()).isEqualTo("local:books");
    }

    @Test
    void unknownKeysAndBadValues_failWithTheKeyPath() {
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("behavior: fast", "behaviour: fast"), n -> null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("wcf4j.services.ledger.behaviour:")
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("instancing: single", "instancing: sometimes"), n -> null))
                .hasMessageStartingWith("wcf4j.behaviors.fast.instancing:").hasMessageContaining("per-call");
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("max-concurrent-calls: 8", "max-concurrent-calls: lots"), n -> null))
                .hasMessageStartingWith("wcf4j.behaviors.fast.throttling.max-concurrent-calls:");
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("binding: local-fast }", "}"), n -> null))
                .hasMessageStartingWith("wcf4j.services.ledger.endpoints[0].binding:").hasMessageContaining("missing");
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("behavior: fast", "behavior: slow"), n -> null))
                .hasMessageStartingWith("wcf4j.services.ledger.behavior:").hasMessageContaining("slow");
        assertThatThrownBy(() -> ConfigLoader.parseYaml("wcf4j:\n  servces: {}\n", n -> null))
                .hasMessageStartingWith("wcf4j.servces:");
    }

    @Test
    void wrongShapesAndTypes_nameTheKeyAndWhatIsExpected() {
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("close-timeout: 2s", "close-timeout: soon"), n -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("wcf4j.behaviors.fast.close-timeout: invalid value 'soon' (expected a duration such as 250ms, 30s or 10m)");
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("max-queued-calls: 0", "max-queued-calls: -1"), n -> null))
                .hasMessage("wcf4j.behaviors.fast.throttling.max-queued-calls: invalid value '-1' (expected an integer >= 0)");
        assertThatThrownBy(() -> ConfigLoader.parseYaml("wcf4j:\n  services:\n    ledger: [a, b]\n", n -> null))
                .hasMessage("wcf4j.services.ledger: expected a map of keys, found a list");
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("public-host: ledger.example", "public-host: [a]"), n -> null))
                .hasMessage("wcf4j.public-host: expected a single value, found a list");
        assertThatThrownBy(() -> ConfigLoader.parseYaml(GOOD.replace("endpoints:", "endpoints:\n        - { address: a, binding: b, port: 1 }"),
                n -> null))
                .hasMessage("wcf4j.services.ledger.endpoints[0].port: unknown key; expected one of [address, binding, name]");
        assertThatThrownBy(() -> ConfigLoader.parseYaml("wcf4j:\n  public-host: a\n  public-host: b\n", n -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("public-host");
        assertThatThrownBy(() -> ConfigLoader.parseYaml("wcf4j: [", n -> null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("(root): not a YAML document");
        assertThatThrownBy(() -> ConfigLoader.parseYaml("other: {}\n", n -> null)).hasMessageStartingWith("other: unknown root key");
        // found by fuzzing: an emoji (a surrogate pair) across the YAML reader's 1,024-character buffer failed the
        // loader with an IndexOutOfBoundsException; wherever it falls, the file is read
        for (int at = 1010; at < 1030; at++) {
            String yaml = "# " + "x".repeat(at) + "\uD83D\uDE00\nwcf4j:\n  public-host: \"h\uD83D\uDE00\"\n";
            assertThat(ConfigLoader.parseYaml(yaml, n -> null).publicHost()).as("emoji after %d characters", at).isEqualTo("h\uD83D\uDE00");
        }
        // found by fuzzing: a binding setting whose value is null failed with a NullPointerException
        assertThatThrownBy(() -> ConfigLoader.parseYaml("wcf4j:\n  bindings:\n    b: { type: net-tcp, st: null }\n", n -> null))
                .isInstanceOf(ConfigException.class).hasMessage("wcf4j.bindings.b.st: missing value");
    }

    @Test
    void keysAt_namesWhatEachLevelAccepts() {
        assertThat(ConfigDocument.keysAt("wcf4j")).contains("public-host", "services", "credentials");
        assertThat(ConfigDocument.keysAt("wcf4j.services.ledger.endpoints[3]")).containsExactly("address", "binding", "name");
        assertThat(ConfigDocument.keysAt("wcf4j.behaviors.fast.throttling"))
                .containsExactly("max-concurrent-calls", "max-queued-calls", "queue-timeout");
        assertThat(ConfigDocument.keysAt("wcf4j.bindings.tcp")).as("binding settings are the binding's to check").isEmpty();
        assertThat(ConfigDocument.keysAt("wcf4j.nowhere.at.all")).isEmpty();
    }

    @Test
    void bindingSettings_areCheckedAgainstTheBinding() {
        Wcf4jConfig c = ConfigLoader.parseYaml(GOOD.replace("send-timeout: 5s", "send-timeout: soon"), n -> null);
        assertThatThrownBy(() -> BindingSettings.validate("wcf4j.bindings.local-fast", new LocalBinding().settings(),
                c.bindingFor("local-fast").settings()))
                .hasMessageStartingWith("wcf4j.bindings.local-fast.send-timeout:").hasMessageContaining("duration");
        assertThatThrownBy(() -> BindingSettings.validate("wcf4j.bindings.x", new LocalBinding().settings(), Map.of("colour", "red")))
                .hasMessageStartingWith("wcf4j.bindings.x.colour:").hasMessageContaining("send-timeout");
    }

    @Test
    void missingBindingType_namesTheModuleToAdd() {
        assertThatThrownBy(() -> BindingRegistry.getDefault().get("net-tcp", "wcf4j.bindings.tcp.type"))
                .hasMessageStartingWith("wcf4j.bindings.tcp.type:").hasMessageContaining("wcf4j-binding-tcp");
    }

    @Test
    void sizesAndDurations() {
        assertThat(DataSize.parse("1MB").bytes()).isEqualTo(1024 * 1024);
        assertThat(DataSize.parse("64kb").bytes()).isEqualTo(64 * 1024);
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> DataSize.parse("big")).hasMessageContaining("64KB");
    }
}
