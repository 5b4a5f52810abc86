package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** node-soap (npm {@code soap}, pinned by src/test/node/wssecurity/package-lock.json), installed once into target/. */
final class NodeSoap {
    private NodeSoap() {
    }

    /** The directory with the clients and their node_modules. */
    static synchronized Path installed() throws Exception {
        Path dir = Path.of("target/node-wssecurity").toAbsolutePath();
        Files.createDirectories(dir);
        for (String f : List.of("package.json", "package-lock.json", "outcome.mjs", "wss-client.mjs", "wss-cert-client.mjs")) {
            Files.copy(Path.of("src/test/node/wssecurity", f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(dir.resolve("node_modules/soap"))) {
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
