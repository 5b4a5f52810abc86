package io.wcf4j.host.console;

import io.wcf4j.security.DevelopmentPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the sample's development PKI under {@code <data-dir>/pki} on first start, before the configuration that
 * names its files is read: a CA, a server certificate for localhost (and {@code wcf4j.public-host}), client
 * certificates for the demo users and the JWT signing key. On when {@code wcf4j.development-pki} is true (the console
 * host's default); a production configuration names its own keystores and turns it off.
 */
public final class DevelopmentPkiEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    /** The sample's demo users (development only): each gets a client certificate with CN = its name. */
    static final List<String> DEMO_USERS = List.of("teller", "auditor", "alice");

    private final Log log;

    public DevelopmentPkiEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(DevelopmentPkiEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("wcf4j.development-pki", Boolean.class, false)) {
            return;
        }
        String dataPath = environment.getProperty("wcf4j.data-path");
        Path data = dataPath != null ? Path.of(dataPath) : Path.of(environment.getProperty("wcf4j.data-dir", "./data"));
        DevelopmentPki pki = DevelopmentPki.in(data.toAbsolutePath().normalize().resolve("pki"));
        String publicHost = environment.getProperty("wcf4j.public-host");
        try {
            List<Path> made = pki.ensure(publicHost == null ? Set.of() : Set.of(publicHost), DEMO_USERS);
            if (!made.isEmpty()) {
                log.warn("made a DEVELOPMENT PKI in " + pki.directory() + " (CA ca.pem, server.pem, client certificates for "
                        + DEMO_USERS + ", JWT key): never use it in production; trust ca.pem in development clients");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the development PKI could not be made in " + pki.directory(), e);
        }
    }

    @Override
    public int getOrder() {
        // after the configuration files; it computes the data path itself, whichever runs first
        return Ordered.LOWEST_PRECEDENCE;
    }
}
