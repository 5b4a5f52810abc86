package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.config.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop fits the time systemd gives it: each shutdown phase can hold the endpoints' close-timeout, and the
 * unit's TimeoutStopSec holds both phases (the endpoints', the web server's) and the closing of the broker and the
 * database after them. Otherwise systemd kills a host that is still draining calls it accepted.
 */
class SystemdStopBudgetTest {
    private static final Path ROOT = Path.of(System.getProperty("repositoryRoot", "../..")).toAbsolutePath().normalize();
    /** The broker's, its journal's and the database's closing, after the last phase. */
    private static final Duration AFTER_THE_PHASES = Duration.ofSeconds(15);

    @Test
    void theStopPhasesFitTheUnitsTimeoutStopSec() throws Exception {
        String unit = Files.readString(ROOT.resolve("hosts/systemd/wcf4j.service"));
        String boot = Files.readString(ROOT.resolve("hosts/console/src/main/resources/application.yml"));
        String services = Files.readString(ROOT.resolve("config/wcf4j.yml"));
        Duration timeoutStop = Duration.ofSeconds(Long.parseLong(only(unit, "(?m)^TimeoutStopSec=(\\d+)$").get(0)));
        Duration phase = Durations.parse(only(boot, "timeout-per-shutdown-phase:\\s*(\\S+)").get(0));
        List<String> closeTimeouts = only(services, "close-timeout:\\s*(\\S+)");
        assertThat(closeTimeouts).as("config/wcf4j.yml's behaviors say their close-timeout").isNotEmpty();
        for (String closeTimeout : closeTimeouts) {
            assertThat(Durations.parse(closeTimeout).plusSeconds(5)).as("close-timeout %s within a shutdown phase", closeTimeout)
                    .isLessThanOrEqualTo(phase);
        }
        assertThat(phase.multipliedBy(2).plus(AFTER_THE_PHASES)).as("two phases of %s and the closing after them", phase)
                .isLessThanOrEqualTo(timeoutStop);
        assertThat(unit).as("an out-of-memory JVM exits, so that Restart=on-failure restarts it")
                .containsPattern("ExecStart=\\S*java -XX:\\+ExitOnOutOfMemoryError ");
    }

    private static List<String> only(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).as(regex).isNotEmpty();
        return found;
    }
}
