package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The npm projects under src/test/node (each pinned by its package-lock.json), installed once each into target/:
 * independent clients in another language (node-soap, grpc-js).
 */
final class NodeProjects {
    private NodeProjects() {
    }

    /** node-soap's clients and their node_modules. */
    static Path soap() throws Exception {
        return installed("wssecurity", "soap", "package.json", "package-lock.json", "outcome.mjs", "wss-client.mjs",
                "wss-cert-client.mjs");
    }

    /** grpc-js's ledger client and its node_modules. */
    static Path grpc() throws Exception {
        return installed("grpc", "@grpc/grpc-js", "package.json", "package-lock.json", "ledger-client.mjs", "reflection-client.mjs");
    }

    /** Playwright's driver for the web test client (the browser is the machine's chromium). */
    static Path testClient() throws Exception {
        return installed("test-client", "playwright-core", "package.json", "package-lock.json", "browser-test.mjs");
    }

    /** Copies {@code files} of src/test/node/{@code project} into target/ and runs {@code npm ci} there once. */
    private static synchronized Path installed(String project, String marker, String... files) throws Exception {
        Path dir = Path.of("target/node-" + project).toAbsolutePath();
        Files.createDirectories(dir);
        for (String f : files) {
            Files.copy(Path.of("src/test/node", project, f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(dir.resolve("node_modules").resolve(marker))) {
            run(dir, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        }
        return dir;
    }

    /** Runs a command in a directory with extra environment; its output (stdout and stderr), failing on a non-zero exit. */
    static String run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":%n" + out).isZero();
        return out;
    }
}
