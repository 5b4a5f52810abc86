package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The systemd unit verifies, the install script lays the service out, and the host signals readiness. */
class SystemdIT {
    private static final Path ROOT = Path.of(System.getProperty("repositoryRoot", "../..")).toAbsolutePath().normalize();
    private static final Path SYSTEMD = ROOT.resolve("hosts/systemd");

    private record Run(int exit, String output) {
    }

    private static Run run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        assertThat(finished).as("%s finished within 60 s", List.of(command)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    @Test
    void unitFilePassesSystemdAnalyzeVerify() throws Exception {
        Run r = run(SYSTEMD, "systemd-analyze", "verify", SYSTEMD.resolve("wcf4j.service").toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).as("systemd-analyze reports problems as warnings with exit 0: there must be none").isEmpty();
        // the check itself catches a broken unit
        Path broken = Files.createTempDirectory("unit").resolve("wcf4j.service");
        Files.writeString(broken, Files.readString(SYSTEMD.resolve("wcf4j.service")).replace("Type=notify", "Type=notfy"));
        assertThat(run(broken.getParent(), "systemd-analyze", "verify", broken.toString()).output()).contains("notfy");
    }

    @Test
    void installScriptLaysTheServiceOutInAThrowAwayRoot() throws Exception {
        Path root = Files.createTempDirectory("wcf4j-root");
        Path jar = Path.of(System.getProperty("consoleJar", "target/wcf4j-console-host.jar")).toAbsolutePath();
        Run r = run(ROOT, SYSTEMD.resolve("install.sh").toString(), "--root", root.toString(), "--jar", jar.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(root.resolve("opt/wcf4j/wcf4j-console-host.jar")).hasSameBinaryContentAs(jar);
        assertThat(root.resolve("etc/systemd/system/wcf4j.service")).hasSameTextualContentAs(SYSTEMD.resolve("wcf4j.service"));
        assertThat(root.resolve("etc/wcf4j/wcf4j.yml")).hasSameTextualContentAs(ROOT.resolve("config/wcf4j.yml"));
        assertThat(root.resolve("etc/wcf4j/wcf4j.env")).content().contains("JAVA_OPTS=", "WCF4J_CONFIG=/etc/wcf4j/wcf4j.yml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/lib/wcf4j")))).isEqualTo("rwxr-x---");
        // a second run keeps the operator's configuration
        Files.writeString(root.resolve("etc/wcf4j/wcf4j.env"), "JAVA_OPTS=-Xmx1g\n");
        assertThat(run(ROOT, SYSTEMD.resolve("install.sh").toString(), "--root", root.toString(), "--jar", jar.toString()).exit()).isZero();
        assertThat(root.resolve("etc/wcf4j/wcf4j.env")).content().isEqualTo("JAVA_OPTS=-Xmx1g\n");
    }

    @Test
    void hostTellsSystemdWhenItIsReadyAndWhenItStops() throws Exception {
        // a stand-in for systemd-notify that records what it was told
        Path bin = Files.createTempDirectory("fake-systemd");
        Path record = bin.resolve("notified.txt");
        Path notify = bin.resolve("systemd-notify");
        Files.writeString(notify, "#!/bin/sh\necho \"$@\" >> " + record + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createTempDirectory("wcf4j-systemd");
        Path jar = Path.of(System.getProperty("consoleJar", "target/wcf4j-console-host.jar")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--server.port=" + ConsoleHostFixture.freePort(), "--wcf4j.tcp-port=" + ConsoleHostFixture.freePort(),
                "--wcf4j.jms-port=" + ConsoleHostFixture.freePort(), "--wcf4j.grpc-port=" + ConsoleHostFixture.freePort(), "--wcf4j.grpc-tls-port=" + ConsoleHostFixture.freePort(), "--wcf4j.https-port=" + ConsoleHostFixture.freePort(),
                "--wcf4j.tcp-tls-port=" + ConsoleHostFixture.freePort(), "--wcf4j.data-dir=" + data).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(data.resolve("out.log").toFile());
        pb.environment().put("NOTIFY_SOCKET", bin.resolve("notify.sock").toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        // WatchdogSec=1: fed every 500 ms once ready
        pb.environment().put("WATCHDOG_USEC", "1000000");
        Process p = pb.start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(record) && Files.readString(record).contains("READY=1")) && System.nanoTime() < until && p.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(record).as("log:%n%s", Files.readString(data.resolve("out.log"))).content()
                    .contains("READY=1").contains("STATUS=17 endpoints listening").contains("--pid=" + p.pid());
            long fedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.readString(record).split("WATCHDOG=1", -1).length - 1 < 2 && System.nanoTime() < fedUntil) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(record).split("WATCHDOG=1", -1).length - 1).as("watchdog fed at least twice").isGreaterThanOrEqualTo(2);
            p.destroy();
            assertThat(p.waitFor(40, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(record).content().contains("STOPPING=1");
        } finally {
            p.destroyForcibly();
        }
    }
}
