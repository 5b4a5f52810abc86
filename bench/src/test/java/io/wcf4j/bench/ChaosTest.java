package io.wcf4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chaos run, short: mixed load on every binding, the console host killed with kill -9 once and restarted, then
 * every acknowledged transfer applied exactly once and the money conserved ({@link Chaos}; the long run is
 * {@code bench/chaos.sh}).
 */
class ChaosTest {
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aKillUnderMixedLoad_losesNothingAcknowledged_appliesNothingTwice() throws Exception {
        Path jar = Path.of("../hosts/console/target/wcf4j-console-host.jar");
        Chaos.Result r = Chaos.run(jar, Files.createTempDirectory("wcf4j-chaos-test"), 1, 20261203L, System.out::println);
        System.out.println(Chaos.report(r));
        assertThat(r.problems()).isEmpty();
        assertThat(r.recoveries()).hasSize(1);
        for (Chaos.Client c : r.clients().values()) {
            assertThat(c.acknowledged.get()).as("%s acknowledged transfers under load", c.binding).isPositive();
        }
    }
}
