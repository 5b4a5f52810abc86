package io.wcf4j.host.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the sample's database a real password: the configured one ({@code spring.datasource.password}, which the
 * sample's hosts set from {@code wcf4j.database-password}), otherwise one made
 * at random on first start and kept, readable by its owner only, in {@code <data-dir>/database-password}. H2 sets
 * the password when it creates the database file, so every later start must present the same one.
 */
public final class DatabasePasswordEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    static final String PASSWORD = "spring.datasource.password";
    static final String FILE = "database-password";

    private final Log log;

    public DatabasePasswordEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(DatabasePasswordEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PASSWORD);
        if (!environment.containsProperty("spring.datasource.url") || (configured != null && !configured.isEmpty())) {
            return;
        }
        String dataPath = environment.getProperty("wcf4j.data-path");
        Path data = Path.of(dataPath != null ? dataPath : environment.getProperty("wcf4j.data-dir", "./data"));
        Path file = data.toAbsolutePath().normalize().resolve(FILE);
        environment.getPropertySources().addFirst(new MapPropertySource("wcf4j-database-password",
                Map.of(PASSWORD, readOrCreate(file))));
    }

    private String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password, StandardCharsets.UTF_8);
            log.info("made the database password in " + file + " (set wcf4j.database-password to choose one)");
            return password;
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the database password could not be read or made in " + file, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
