package io.wcf4j.host.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the host's state when it runs as a {@code Type=notify} service ({@code NOTIFY_SOCKET} is
 * set): READY once every endpoint listens, STOPPING when a stop begins. Java cannot send on a Unix datagram
 * socket, so this runs systemd's own {@code systemd-notify} (the unit sets {@code NotifyAccess=all}).
 */
final class SystemdNotifier {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

    private SystemdNotifier() {
    }

    static void notify(String... assignments) {
        if (System.getenv("NOTIFY_SOCKET") == null) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add("systemd-notify");
        command.add("--pid=" + ProcessHandle.current().pid());
        command.addAll(List.of(assignments));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("systemd-notify {} did not finish in 5 s", List.of(assignments));
            } else if (p.exitValue() != 0) {
                log.warn("systemd-notify {} failed: {}", List.of(assignments), new String(p.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException e) {
            log.warn("cannot run systemd-notify: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
