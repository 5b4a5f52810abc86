package io.wcf4j.host.console;

import io.wcf4j.host.ledger.LedgerSampleConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The console host: {@code java -jar wcf4j-console-host.jar} serves the ledger sample on every endpoint of
 * {@code config/wcf4j.yml}, prints the endpoint table when ready and shuts down gracefully on SIGTERM.
 */
@SpringBootApplication(proxyBeanMethods = false)
@Import(LedgerSampleConfiguration.class)
public class ConsoleHost {

    @Bean
    EndpointTablePrinter endpointTablePrinter() {
        return new EndpointTablePrinter();
    }

    @Bean
    SystemdWatchdog systemdWatchdog() {
        return new SystemdWatchdog();
    }

    public static void main(String[] args) {
        exitZeroOnSigterm();
        SpringApplication app = new SpringApplication(ConsoleHost.class);
        app.setLogStartupInfo(false);
        app.run(args);
    }

    /**
     * SIGTERM is how service managers (systemd, Kubernetes) ask for a stop: the JVM then runs the shutdown
     * hooks (Spring closes the hosts, which drain their calls) and, by default, exits 143 as if it had failed.
     * A graceful stop exits 0, so that {@code Restart=on-failure} and monitoring tell a stop from a crash.
     * Ctrl-C (SIGINT) is the same request from a terminal.
     */
    @SuppressWarnings("restriction")
    private static void exitZeroOnSigterm() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    SystemdNotifier.notify("STOPPING=1");
                    System.exit(0);
                });
            } catch (IllegalArgumentException e) {
                // no such signal on this platform: the default handling stays
            }
        }
    }
}
