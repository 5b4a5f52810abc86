package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SystemdWatchdogTest {

    @Test
    void theIntervalIsSystemdsWhenItIsMeantForThisProcess() {
        String self = Long.toString(ProcessHandle.current().pid());
        assertThat(SystemdWatchdog.interval("30000000", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SystemdWatchdog.interval("1500000", self)).isEqualTo(Duration.ofMillis(1500));
        assertThat(SystemdWatchdog.interval("30000000", "1")).as("another process's watchdog").isNull();
        assertThat(SystemdWatchdog.interval(null, null)).isNull();
        assertThat(SystemdWatchdog.interval("0", null)).isNull();
        assertThat(SystemdWatchdog.interval("soon", null)).isNull();
    }
}
