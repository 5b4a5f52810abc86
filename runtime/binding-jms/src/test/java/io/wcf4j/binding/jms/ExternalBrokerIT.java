package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A standalone Artemis broker (the apache-artemis bin distribution from Maven Central, created with a login
 * and run in its own process) used by configuration alone: url, user and password. No embedded broker starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExternalBrokerIT {
    private Process broker;
    private Path instance;
    private int port;

    @BeforeAll
    void startBroker() throws Exception {
        Path home = Path.of(System.getProperty("artemisHome", "target/artemis/apache-artemis-2.40.0")).toAbsolutePath();
        instance = Files.createTempDirectory("wcf4j-artemis-instance").resolve("broker");
        port = freePort();
        run(home.resolve("bin/artemis"), "create", instance.toString(), "--silent", "--nio", "--no-web", "--no-autotune",
                "--host", "127.0.0.1", "--default-port", Integer.toString(port), "--user", "wcf4j", "--password", "s3cret",
                "--require-login", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor");
        Path log = instance.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        broker = pb.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && broker.isAlive() && !listening(port)) {
            Thread.sleep(200);
        }
        assertThat(listening(port)).as("standalone broker listening; log:%n%s", Files.exists(log) ? Files.readString(log) : "").isTrue();
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    @Test
    void externalBroker_byConfigurationAlone() throws Exception {
        ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
        QueuedWork impl = new QueuedWork() {
            @Override
            public void process(String token) {
                done.add(token);
            }

            @Override
            public String ping(String text) {
                return "pong " + text;
            }
        };
        BindingConfig external = BindingConfig.of("soap-jms", Map.of("url", "tcp://127.0.0.1:" + port, "user", "wcf4j",
                "password", "s3cret"));
        ServiceHost host = ServiceHost.builder(QueuedWork.class).name("external").implementation(impl)
                .endpoint(null, "jms:queue:external.work", external).build();
        host.open();
        try (ChannelFactory<QueuedWork> f = ChannelFactory.builder(QueuedWork.class).address("jms:queue:external.work")
                .binding(external).build()) {
            assertThat(EmbeddedArtemis.current()).as("no embedded broker started").isNull();
            QueuedWork work = f.createChannel();
            assertThat(work.ping("external")).isEqualTo("pong external");
            for (String t : List.of("a", "b", "c")) {
                work.process(t);
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (done.size() < 3 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(done).containsExactlyInAnyOrder("a", "b", "c");
        } finally {
            host.close(Duration.ofSeconds(5));
        }

        // the wrong password is refused by the broker: the caller sees UNAVAILABLE, not a hang
        BindingConfig wrong = BindingConfig.of("soap-jms", Map.of("url", "tcp://127.0.0.1:" + port, "user", "wcf4j",
                "password", "wrong"));
        try (ChannelFactory<QueuedWork> f = ChannelFactory.builder(QueuedWork.class).address("jms:queue:external.work")
                .binding(wrong).setting("send-timeout", "5s").build()) {
            ServiceException e = org.assertj.core.api.Assertions.catchThrowableOfType(ServiceException.class,
                    () -> f.createChannel().process("x"));
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(FaultCode.UNAVAILABLE);
        }
    }

    private static void run(Path script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        script.toFile().setExecutable(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("artemis %s failed:%n%s", args[0], out).isZero();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
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
}
