package io.wcf4j.host.console;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * systemd's watchdog ({@code WatchdogSec=} in the unit, which sets {@code WATCHDOG_USEC}): once the host is ready,
 * {@code WATCHDOG=1} at half the interval for as long as Spring's liveness state is CORRECT. A host that broke (its
 * liveness BROKEN) or hangs stops feeding it, and systemd restarts it.
 */
final class SystemdWatchdog implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SystemdWatchdog.class);
    private ScheduledExecutorService timer;

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        Duration interval = interval(System.getenv("WATCHDOG_USEC"), System.getenv("WATCHDOG_PID"));
        if (interval == null || timer != null) {
            return;
        }
        ApplicationAvailability availability = event.getApplicationContext().getBean(ApplicationAvailability.class);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wcf4j-systemd-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, interval.toMillis() / 2);
        timer.scheduleAtFixedRate(() -> {
            LivenessState liveness = availability.getLivenessState();
            if (liveness == LivenessState.CORRECT) {
                SystemdNotifier.notify("WATCHDOG=1");
            } else {
                log.error("liveness is {}: not feeding systemd's watchdog, which will restart the host", liveness);
            }
        }, 0, period, TimeUnit.MILLISECONDS);
        log.info("feeding systemd's watchdog every {} ms", period);
    }

    /** The watchdog interval systemd asks for, or null when there is none for this process. */
    static Duration interval(String usec, String pid) {
        if (usec == null || usec.isBlank()) {
            return null;
        }
        if (pid != null && !pid.isBlank() && !pid.trim().equals(Long.toString(ProcessHandle.current().pid()))) {
            return null;
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Duration.ofNanos(micros * 1000) : null;
        } catch (NumberFormatException e) {
            log.warn("WATCHDOG_USEC is not a number of microseconds: ignored");
            return null;
        }
    }

    @Override
    public synchronized void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
