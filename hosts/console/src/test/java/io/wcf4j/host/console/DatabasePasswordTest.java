package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The sample's database has a real password: made on first start, kept owner-only, and required by H2. */
class DatabasePasswordTest {

    @Test
    void theDatabaseRefusesAnEmptyPassword_andAcceptsTheOneMadeOnFirstStart() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        Path file = host.dataDir.resolve("database-password");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);

        String url = "jdbc:h2:file:" + host.dataDir.resolve("ledger") + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "ledger", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(url, "ledger", password)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
