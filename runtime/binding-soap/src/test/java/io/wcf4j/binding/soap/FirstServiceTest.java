package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.binding.soap.quiet.FirstRun;
import io.wcf4j.binding.soap.quiet.Standalone;
import io.wcf4j.config.BindingConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first service, each run in a JVM of its own with the module's libraries and no test resources, as a
 * user's application would be: with logback on the class path and no logging configuration of their own it logs a
 * few INFO lines, not logback's default DEBUG of everything (CXF's hundred lines before the host opened) nor a line
 * per proxy, while a configuration of the application's own still wins; and a standalone host stays up until
 * SIGTERM, then closes cleanly.
 */
class FirstServiceTest {
    @TempDir
    Path dir;

    @Test
    void withNoLoggingConfiguration_theFirstRunIsQuiet() throws Exception {
        List<String> lines = run();
        assertThat(lines).contains("first run: hello world");
        assertThat(lines).as("no DEBUG").noneMatch(l -> l.contains(" DEBUG "));
        assertThat(lines).as("no line per proxy").noneMatch(l -> l.contains("Creating Service"));
        assertThat(lines.size()).as("a few lines: %s", lines).isLessThan(15);
    }

    @Test
    void theApplicationsOwnConfiguration_stillWins() throws Exception {
        Path config = dir.resolve("debug.xml");
        Files.writeString(config, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="out"/></root>
                </configuration>
                """);
        List<String> lines = run("-Dlogback.configurationFile=" + config);
        assertThat(lines).contains("first run: hello world");
        assertThat(lines).anyMatch(l -> l.startsWith("DEBUG org.apache.cxf"));
    }

    @Test
    void aStandaloneHost_staysUpUntilSigterm_thenClosesCleanly() throws Exception {
        Process p = start(Standalone.class);
        try {
            String address = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (address == null && p.isAlive() && System.nanoTime() < until) {
                address = output().stream().filter(l -> l.startsWith("listening at ")).map(l -> l.substring("listening at ".length()))
                        .findFirst().orElse(null);
                Thread.sleep(50);
            }
            assertThat(address).as("the host said where it listens: %s", output()).isNotNull();
            Thread.sleep(500);
            assertThat(p.isAlive()).as("it stays up").isTrue();
            try (ChannelFactory<FirstRun.Greeter> f = ChannelFactory.builder(FirstRun.Greeter.class).address(address)
                    .binding(BindingConfig.of("soap-http")).build()) {
                assertThat(f.createChannel().greet("caller")).isEqualTo("hello caller");
            }
            p.destroy();   // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("it stops on SIGTERM").isTrue();
            assertThat(output()).as("closed by its shutdown hook").anyMatch(l -> l.contains("service greeter closed"));
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs FirstRun to its end; its output lines. */
    private List<String> run(String... jvmOptions) throws IOException, InterruptedException {
        Process p = start(FirstRun.class, jvmOptions);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s", output()).isZero();
        return output();
    }

    /** What the process wrote so far (to a file: Process.destroy closes the pipes, and the last lines come after it). */
    private List<String> output() throws IOException {
        return Files.readAllLines(dir.resolve("output.txt"), StandardCharsets.UTF_8);
    }

    /** Starts a main class of the quiet package in a JVM whose class path has the module's main classes and libraries, and no test resources. */
    private Process start(Class<?> main, String... jvmOptions) throws IOException {
        Path classes = dir.resolve("classes");
        Path compiled = Path.of(FirstRun.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path pkg = Path.of(FirstRun.class.getPackageName().replace('.', File.separatorChar));
        Files.createDirectories(classes.resolve(pkg));
        try (Stream<Path> files = Files.list(compiled.resolve(pkg))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, classes.resolve(pkg).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // the test class path without test classes and test jars, which carry logging configurations of their own
        String classPath = Stream.concat(Stream.of(classes.toString()), Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("test-classes") && !e.endsWith("-tests.jar"))).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, main.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
    }
}
