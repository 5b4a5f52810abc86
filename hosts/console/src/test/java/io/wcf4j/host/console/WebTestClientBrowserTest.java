package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web test client in a real browser: Playwright (playwright-core, pinned in src/test/node/test-client) drives
 * the Debian chromium package through the page against the console host: openAccount over SOAP with markup in the
 * owner's name (shown as text, never run), getAccount over net.tcp and over SOAP/JMS, a declared fault, a wrong
 * argument, and a nested request over REST. .ci/run installs chromium; the browser is found at $CHROMIUM or
 * /usr/bin/chromium.
 */
class WebTestClientBrowserTest {
    @Test
    void aDeveloperCallsTheLedgerFromTheBrowser() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("the chromium package (.ci/run installs it)").exists();
        assertThat(Files.isExecutable(Path.of(chromium))).isTrue();
        ConsoleHostFixture host = ConsoleHostFixture.get();
        Path project = NodeProjects.testClient();
        String out = NodeProjects.run(project, Map.of("LEDGER_PASSWORD", DemoUsers.password(DemoUsers.TELLER), "CHROMIUM", chromium),
                "node", "browser-test.mjs", host.url(""));
        assertThat(out).contains("ok: openAccount over SOAP answered", "ok: the owner's markup is shown as text, and nothing in it ran",
                "ok: getAccount over net.tcp reads it", "ok: a SOAP/JMS endpoint can be chosen",
                "ok: an X.509 endpoint says the test client's certificate is the caller", "ok: getAccount over SOAP/JMS reads it",
                "ok: an unknown account is the AccountNotFound fault",
                "ok: a wrong argument is refused naming it", "ok: the nested request arrived whole", "ok: no script error on the page");
    }
}
