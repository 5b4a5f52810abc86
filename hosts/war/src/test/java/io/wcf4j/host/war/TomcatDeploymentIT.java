package io.wcf4j.host.war;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.Ledger;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WAR on a real Tomcat 11 (the distribution from Maven Central), configured from outside by the shared
 * config/wcf4j-war.yml: deploy, call over SOAP (at the address the WSDL served by Tomcat gives), REST and net.tcp,
 * undeploy, redeploy, call again, and no leak warning in Tomcat's log.
 */
class TomcatDeploymentIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void deployCallUndeployRedeployCall() throws Exception {
        Path home = Path.of(System.getProperty("tomcatHome")).toAbsolutePath();
        Path war = Path.of(System.getProperty("warFile")).toAbsolutePath();
        Path config = Path.of(System.getProperty("repositoryRoot")).resolve("config/wcf4j-war.yml").toAbsolutePath().normalize();
        Path base = Files.createTempDirectory("tomcat-base");
        int port = freePort();
        int tcpPort = freePort();
        for (String dir : new String[] {"conf", "logs", "temp", "webapps", "work"}) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path f : conf.toList()) {
                Files.copy(f, base.resolve("conf").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path serverXml = base.resolve("conf/server.xml");
        Files.writeString(serverXml, Files.readString(serverXml)
                .replace("port=\"8080\"", "port=\"" + port + "\"").replace("port=\"8005\"", "port=\"-1\""));
        Path data = base.resolve("data");

        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true).redirectOutput(base.resolve("logs/console.out").toFile());
        pb.environment().put("CATALINA_HOME", home.toString());
        pb.environment().put("CATALINA_BASE", base.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // the configuration comes from outside the WAR
        pb.environment().put("CATALINA_OPTS", "-Dwcf4j.config-location=" + config + " -Dserver.port=" + port
                + " -Dwcf4j.tcp-port=" + tcpPort + " -Dwcf4j.jms-port=" + freePort() + " -Dwcf4j.data-dir=" + data);
        home.resolve("bin/catalina.sh").toFile().setExecutable(true);
        Files.list(home.resolve("bin")).filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        Process tomcat = pb.start();
        try {
            Path deployed = base.resolve("webapps/ledger.war");
            Files.copy(war, deployed);
            waitForStatus("http://127.0.0.1:" + port + "/ledger/metadata", 200, tomcat, base);
            callEverything(port, tcpPort, "first");

            Files.delete(deployed); // undeploy
            waitForStatus("http://127.0.0.1:" + port + "/ledger/metadata", 404, tomcat, base);
            // the context stops after Tomcat unmaps it: give the undeploy a moment to finish
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (canConnect(tcpPort) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(canConnect(tcpPort)).as("net.tcp endpoint closed with the webapp").isFalse();

            Files.copy(war, deployed); // redeploy
            waitForStatus("http://127.0.0.1:" + port + "/ledger/metadata", 200, tomcat, base);
            callEverything(port, tcpPort, "second");
        } finally {
            tomcat.destroy();
            tomcat.waitFor(30, TimeUnit.SECONDS);
            tomcat.destroyForcibly();
        }
        String logs = allLogs(base);
        assertThat(logs).contains("Deployment of web application archive");
        assertThat(leakWarnings(logs)).as("Tomcat's leak warnings").isEmpty();
        deleteQuietly(base);
    }

    private static ChannelFactory<Ledger> teller(String address, String bindingType) {
        return ChannelFactory.builder(Ledger.class).address(address).binding(io.wcf4j.config.BindingConfig.of(bindingType))
                .behavior(io.wcf4j.ClientCredentials.userName("teller", "teller-password".toCharArray())).build();
    }

    private void callEverything(int port, int tcpPort, String round) throws Exception {
        String wsdl = get("http://127.0.0.1:" + port + "/ledger/services/ledger?wsdl");
        Matcher m = Pattern.compile("soap:address location=\"([^\"]+)\"").matcher(wsdl);
        assertThat(m.find()).isTrue();
        String soapAddress = m.group(1);
        assertThat(soapAddress).as("the WSDL's address is behind the context path").endsWith("/ledger/services/ledger");
        // a client that knows only the WSDL Tomcat serves: the one generated from the published WSDL, reading it
        // from Tomcat and calling the address it gives
        io.wcf4j.clients.wsdl.generated.Ledger generated = new io.wcf4j.clients.wsdl.generated.LedgerService(
                URI.create("http://127.0.0.1:" + port + "/ledger/services/ledger?wsdl").toURL()).getLedgerPort();
        // the sample's demo teller (config/wcf4j-war.yml): the ledger lets nobody in anonymously
        ((jakarta.xml.ws.BindingProvider) generated).getRequestContext().put(jakarta.xml.ws.BindingProvider.USERNAME_PROPERTY, "teller");
        ((jakarta.xml.ws.BindingProvider) generated).getRequestContext().put(jakarta.xml.ws.BindingProvider.PASSWORD_PROPERTY, "teller-password");
        io.wcf4j.clients.wsdl.generated.Account viaWsdl = generated.openAccount("wsdl-" + round, new BigDecimal("1.00"));
        assertThat(generated.getAccount(viaWsdl.getId()).getOwner()).isEqualTo("wsdl-" + round);
        try (ChannelFactory<Ledger> soap = teller(soapAddress, "soap-http");
             ChannelFactory<Ledger> rest = teller("http://127.0.0.1:" + port + "/ledger/api/ledger", "rest-json");
             ChannelFactory<Ledger> tcp = teller("net.tcp://127.0.0.1:" + tcpPort + "/ledger", "net-tcp")) {
            Account a = soap.createChannel().openAccount("war-" + round, new BigDecimal("10.00"));
            assertThat(rest.createChannel().getAccount(a.getId())).isEqualTo(a);
            assertThat(tcp.createChannel().getAccount(a.getId())).isEqualTo(a);
        }
        String health = get("http://127.0.0.1:" + port + "/ledger/actuator/health/readiness");
        assertThat(health).contains("\"status\":\"UP\"").contains("ledger-soap").contains("ledger-tcp");
        assertThat(health).as("readiness includes the database").contains("\"db\"");
        // the same operator's tools as the console host, under the context path
        String metrics = get("http://127.0.0.1:" + port + "/ledger/actuator/prometheus");
        assertThat(metrics.lines()).anySatisfy(l -> assertThat(l).startsWith("wcf4j_server_calls_seconds_count{")
                .contains("binding=\"soap-http\"", "operation=\"openAccount\"", "outcome=\"OK\""));
        assertThat(get("http://127.0.0.1:" + port + "/ledger/operator")).contains("\"ledger-tcp\"");
        String metadata = get("http://127.0.0.1:" + port + "/ledger/metadata");
        assertThat(metadata).contains("/ledger/services/ledger").contains("/ledger/api/ledger").contains("net.tcp://127.0.0.1:" + tcpPort);
    }

    private static List<String> leakWarnings(String logs) {
        List<String> found = new ArrayList<>();
        for (String line : logs.split("\n")) {
            if (line.contains("memory leak") || line.contains("failed to stop it") || line.contains("failed to unregister")
                    || line.contains("failed to remove it")) {
                found.add(line);
            }
        }
        return found;
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private void waitForStatus(String url, int status, Process tomcat, Path base) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int last = -1;
        while (System.nanoTime() < until && tomcat.isAlive()) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == status) {
                    return;
                }
            } catch (IOException e) {
                last = -1;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " did not answer " + status + " (last " + last + "); logs:\n" + allLogs(base));
    }

    private static String allLogs(Path base) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
            for (Path p : logs.sorted().toList()) {
                sb.append(Files.readString(p));
            }
        }
        return sb.toString();
    }

    private static boolean canConnect(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
