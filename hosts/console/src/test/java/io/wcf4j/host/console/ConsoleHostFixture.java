package io.wcf4j.host.console;

import io.wcf4j.conformance.ConformanceBehaviors;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.security.TestPki;
import io.wcf4j.spi.DispatchBehavior;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One console host for every test class in this JVM (starting one is the slow part): the real
 * {@link ConsoleHost} application on a free port with a fresh data directory, plus the conformance suite's
 * service and users ({@code wcf4j-test.yml}). Closed when the JVM exits.
 *
 * <p>Its plain HTTP requests ({@link #get}, {@link #post}, {@link #send}) are the demo {@code teller}'s unless they
 * carry an {@code Authorization} of their own; {@link #sendAnonymous} sends none.
 */
final class ConsoleHostFixture {
    private static ConsoleHostFixture instance;

    final int port;
    final int tcpPort;
    final int jmsPort;
    final int httpsPort;
    final int grpcPort;
    final Path dataDir;
    final ConfigurableApplicationContext context;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration(proxyBeanMethods = false)
    static class ConformanceBeans {
        @Bean
        ConformanceServiceImpl conformanceService() {
            return new ConformanceServiceImpl();
        }

        /** The suite's behaviors, as an application adds its own: beans of type DispatchBehavior. */
        @Bean
        ConformanceBehaviors conformanceBehaviors() {
            return new ConformanceBehaviors();
        }

        @Bean
        DispatchBehavior conformanceObserver(ConformanceBehaviors behaviors) {
            return behaviors.observer();
        }

        @Bean
        DispatchBehavior conformanceAdmitter(ConformanceBehaviors behaviors) {
            return behaviors.admitter();
        }

        @Bean
        DispatchBehavior conformanceEchoer(ConformanceBehaviors behaviors) {
            return behaviors.echoer();
        }
    }

    private ConsoleHostFixture() throws IOException {
        this.port = freePort();
        this.tcpPort = freePort();
        this.jmsPort = freePort();
        this.httpsPort = freePort();
        this.grpcPort = freePort();
        this.dataDir = Files.createTempDirectory("wcf4j-console-test");
        this.context = new SpringApplicationBuilder(ConsoleHost.class, ConformanceBeans.class)
                .run("--server.port=" + port, "--wcf4j.tcp-port=" + tcpPort, "--wcf4j.jms-port=" + jmsPort, "--wcf4j.data-dir=" + dataDir,
                        "--wcf4j.https-port=" + httpsPort, "--wcf4j.grpc-port=" + grpcPort, "--wcf4j.test-pki=" + TestPki.trusted().directory().toAbsolutePath(),
                        "--wcf4j.config-location=classpath:wcf4j-test.yml",
                        // what ObservabilityTest looks at; on for every test class, as an operator would leave them
                        "--wcf4j.tracing.enabled=true", "--wcf4j.message-logging.enabled=true",
                        "--wcf4j.message-logging.transport-level=true");
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
    }

    static synchronized ConsoleHostFixture get() {
        if (instance == null) {
            try {
                instance = new ConsoleHostFixture();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
        if (r.headers().firstValue("Authorization").isEmpty()) {
            request.header("Authorization", DemoUsers.basic(DemoUsers.TELLER));
        }
        return sendAnonymous(request);
    }

    HttpResponse<String> sendAnonymous(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
