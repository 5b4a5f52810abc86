package io.wcf4j.host.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The packaged console jar in its own process, started from the repository root, its output in a file. */
record ConsoleProcess(Process process, Path logFile) {

    static ConsoleProcess start(Path data, int port, int tcpPort) throws Exception {
        // the embedded broker's acceptor on a port of its own, not on a developer's 61616
        return start(data, port, tcpPort, ConsoleHostFixture.freePort());
    }

    static ConsoleProcess start(Path data, int port, int tcpPort, int jmsPort, String... moreArguments) throws Exception {
        Path jar = Path.of(System.getProperty("consoleJar", "target/wcf4j-console-host.jar")).toAbsolutePath();
        Path root = Path.of(System.getProperty("repositoryRoot", "../.."));
        Path log = Files.createTempFile(data, "console", ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--server.port=" + port, "--wcf4j.tcp-port=" + tcpPort, "--wcf4j.data-dir=" + data,
                "--wcf4j.jms-port=" + jmsPort));
        command.addAll(java.util.List.of(moreArguments));
        // the TLS and gRPC ports: the caller's, else free ones (never the defaults, which a running host may hold)
        for (String tlsPort : new String[] {"--wcf4j.https-port=", "--wcf4j.tcp-tls-port=", "--wcf4j.grpc-port=", "--wcf4j.grpc-tls-port="}) {
            if (java.util.Arrays.stream(moreArguments).noneMatch(a -> a.startsWith(tlsPort))) {
                command.add(tlsPort + ConsoleHostFixture.freePort());
            }
        }
        Process p = new ProcessBuilder(command)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ConsoleProcess c = new ConsoleProcess(p, log);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && p.isAlive()) {
            if (c.log().contains("console host ready")) {
                return c;
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("console host did not become ready; log:\n" + c.log());
    }

    String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
