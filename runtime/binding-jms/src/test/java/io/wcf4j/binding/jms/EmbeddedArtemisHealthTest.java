package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.spi.HealthCheck;
import io.wcf4j.spi.HostResources;
import org.junit.jupiter.api.Test;

/** The embedded broker reports itself to the host's health: up while it runs, down with a reason while stopped, up again after. */
class EmbeddedArtemisHealthTest {

    @Test
    void upWhileRunning_downWhileStopped_upAgainAfter() throws Exception {
        EmbeddedArtemis broker = TestBroker.start();
        try (HostResources resources = new HostResources()) {
            resources.computeIfAbsent(EmbeddedArtemis.class, () -> broker);
            HealthCheck check = resources.healthChecks().get(0);
            assertThat(check.healthName()).isEqualTo("broker");
            HealthCheck.Report running = check.checkHealth();
            assertThat(running.up()).isTrue();
            assertThat(running.details()).containsEntry("journal", "started").doesNotContainKey("stoppedAcceptors");

            broker.server().stop();
            HealthCheck.Report stopped = check.checkHealth();
            assertThat(stopped.up()).isFalse();
            assertThat(stopped.details()).containsKey("error");

            broker.server().start();
            assertThat(check.checkHealth().up()).as("%s", check.checkHealth()).isTrue();

            broker.close();
            assertThat(check.checkHealth().up()).isFalse();
        }
    }
}
