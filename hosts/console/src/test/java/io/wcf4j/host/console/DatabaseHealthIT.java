package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: the console jar on a database served by an H2 TCP server in this JVM goes not ready
 * (503, {@code db} DOWN) when that server stops, and ready again once it is back, without a restart.
 */
class DatabaseHealthIT {
    private static final Path ROOT = Path.of(System.getProperty("repositoryRoot", "../..")).toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessIsDownWhileTheDatabaseIsAndUpAgainAfter() throws Exception {
        Path base = Files.createTempDirectory("wcf4j-h2-server");
        Path data = Files.createTempDirectory("wcf4j-db-health");
        int dbPort = ConsoleHostFixture.freePort();
        int httpPort = ConsoleHostFixture.freePort();
        Server db = database(base, dbPort);
        Path jar = Path.of(System.getProperty("consoleJar", "target/wcf4j-console-host.jar")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--server.port=" + httpPort, "--wcf4j.tcp-port=" + ConsoleHostFixture.freePort(),
                "--wcf4j.jms-port=" + ConsoleHostFixture.freePort(), "--wcf4j.grpc-port=" + ConsoleHostFixture.freePort(), "--wcf4j.grpc-tls-port=" + ConsoleHostFixture.freePort(), "--wcf4j.https-port=" + ConsoleHostFixture.freePort(),
                "--wcf4j.tcp-tls-port=" + ConsoleHostFixture.freePort(), "--wcf4j.data-dir=" + data,
                "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + dbPort + "/ledger",
                // a health check must not wait half a minute for a connection the database cannot give
                "--spring.datasource.hikari.connection-timeout=1000", "--spring.datasource.hikari.validation-timeout=500")
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile());
        Process host = pb.start();
        String readiness = "http://127.0.0.1:" + httpPort + "/actuator/health/readiness";
        try {
            awaitStatus(readiness, 200, host, data);
            assertThat(get(readiness).body()).contains("\"db\":{\"status\":\"UP\"");

            db.stop();
            HttpResponse<String> down = awaitStatus(readiness, 503, host, data);
            assertThat(down.body()).contains("\"db\":{\"status\":\"DOWN\"");

            db = database(base, dbPort);
            awaitStatus(readiness, 200, host, data);
            assertThat(host.isAlive()).isTrue();
        } finally {
            host.destroy();
            if (!host.waitFor(40, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
            db.stop();
        }
    }

    private static Server database(Path base, int port) throws Exception {
        // -ifNotExists: the host makes its database on first start, as it does with a file
        return Server.createTcpServer("-tcp", "-tcpPort", Integer.toString(port), "-baseDir", base.toString(), "-ifNotExists").start();
    }

    private HttpResponse<String> awaitStatus(String url, int status, Process host, Path data) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        HttpResponse<String> last = null;
        while (System.nanoTime() < until && host.isAlive()) {
            try {
                last = get(url);
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            // as a probe would, not faster: a pool revalidates a connection idle for over half a second (HikariCP), and
            // a health check every 200 ms would keep reusing the one that died with the database
            Thread.sleep(1000);
        }
        throw new AssertionError("no " + status + " from " + url + " (last: " + (last == null ? "none" : last.statusCode() + " "
                + last.body()) + "); log:\n" + Files.readString(data.resolve("out.log")));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
