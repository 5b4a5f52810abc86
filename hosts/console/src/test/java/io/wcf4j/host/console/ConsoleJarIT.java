package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.ChannelFactory;
import io.wcf4j.config.ConfigLoader;
import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.Totals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged console jar, started as the README says (from the repository root, with the shipped
 * config/wcf4j.yml), in its own process: it prints its endpoints and start-up time, serves, and shuts down
 * gracefully on SIGTERM.
 */
class ConsoleJarIT {
    private static final Pattern READY = Pattern.compile("console host ready: (\\d+) endpoints listening, started in ([0-9.]+) s");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void jarStartsFromTheRepositoryRootServesAndStopsOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("consoleJar", "target/wcf4j-console-host.jar"));
        Path root = Path.of(System.getProperty("repositoryRoot", "../.."));
        assertThat(jar).exists();
        assertThat(root.resolve("config/wcf4j.yml")).exists();
        int port = ConsoleHostFixture.freePort();
        int tcpPort = ConsoleHostFixture.freePort();
        Path data = Files.createTempDirectory("wcf4j-jar-it");
        Path log = data.resolve("console.log");
        Map<String, String> ports = new LinkedHashMap<>();
        ports.put("server.port", Integer.toString(port));
        ports.put("wcf4j.tcp-port", Integer.toString(tcpPort));
        for (String other : List.of("jms-port", "grpc-port", "grpc-tls-port", "https-port", "tcp-tls-port")) {
            ports.put("wcf4j." + other, Integer.toString(ConsoleHostFixture.freePort()));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toAbsolutePath().toString(), "--wcf4j.data-dir=" + data));
        ports.forEach((k, v) -> command.add("--" + k + "=" + v));
        // output goes to a file: a child JVM writing to a pipe of this JVM was seen to lose its shutdown output
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<String> output = new CopyOnWriteArrayList<>();
        String[] startup = new String[2];
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (startup[0] == null && System.nanoTime() < until && p.isAlive()) {
                Thread.sleep(100);
                for (String line : Files.readAllLines(log)) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        startup[0] = m.group(1);
                        startup[1] = m.group(2);
                    }
                }
            }
            assertThat(startup[0]).as("ready line printed; output:%n%s", Files.readString(log)).isNotNull();
            assertThat(Integer.parseInt(startup[0])).as("every endpoint of config/wcf4j.yml").isEqualTo(17);
            System.out.println("console jar start-up, launch to every endpoint listening: " + startup[1] + " s");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metadata"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metadata.body()).contains("ledger-soap", "ledger-soap12", "ledger-rest", "ledger-tcp", "ledger-pipe",
                    "ledger-events-tcp", "ledger-grpc", "net.tcp://127.0.0.1:" + tcpPort + "/ledger", "net.pipe://" + data.toAbsolutePath() + "/ledger.sock");
            HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ledger/accounts"))
                    .header("Content-Type", "application/json").header("Authorization", DemoUsers.basic(DemoUsers.TELLER))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"it\",\"initialDeposit\":10.00}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(opened.statusCode()).isEqualTo(201);
            output.addAll(Files.readAllLines(log));
            assertThat(output).anySatisfy(l -> assertThat(l).contains("ledger-soap").contains("http://127.0.0.1:" + port + "/services/ledger"));
            assertThat(output).as("TLS endpoints are listed with a name a client can use").anySatisfy(l -> assertThat(l).contains("ledger-soap-tls").contains("https://localhost:"));
            assertThat(data.resolve("ledger.mv.db")).as("H2 file database under the data directory").exists();
            everyClientEndpointOfConfigClientsYml_callsTheHost(root, ports, data);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(40, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();
            output.clear();
            output.addAll(Files.readAllLines(log));
            assertThat(output).as("exit code %d, output:%n%s", p.exitValue(), String.join("\n", output)).anySatisfy(l -> assertThat(l).contains("service ledger closed"));
        } finally {
            p.destroyForcibly();
        }
    }

    /** config/clients.yml, with this run's ports and data directory: every client endpoint in it reaches the host. */
    private static void everyClientEndpointOfConfigClientsYml_callsTheHost(Path root, Map<String, String> ports, Path data) {
        Map<String, String> values = new HashMap<>(ports);
        values.put("wcf4j.data-path", data.toAbsolutePath().toString());
        values.put("LEDGER_PASSWORD", DemoUsers.password(DemoUsers.TELLER));
        Wcf4jConfig clients = ConfigLoader.load(root.resolve("config/clients.yml"), values::get);
        assertThat(clients.clients()).as("one client endpoint per ledger endpoint of config/wcf4j.yml").hasSize(13);
        Map<String, Totals> seen = new TreeMap<>();
        for (String name : clients.clients().keySet()) {
            try (ChannelFactory<Ledger> factory = ChannelFactory.create(Ledger.class, clients, name)) {
                seen.put(name, factory.createChannel().getTotals());
            }
        }
        assertThat(seen.values()).as("the same totals, whichever endpoint: %s", seen).allSatisfy(t -> {
            assertThat(t.getAccounts()).isEqualTo(1);
            assertThat(t.getTotalBalance()).isEqualByComparingTo("10.00");
        });
        // the credential is what lets them in: without the password's value the file does not load, naming the key
        values.remove("LEDGER_PASSWORD");
        assertThatThrownBy(() -> ConfigLoader.load(root.resolve("config/clients.yml"), values::get))
                .hasMessage("wcf4j.credentials.ledger-user.password: placeholder ${LEDGER_PASSWORD} has no value and no default");
    }
}
