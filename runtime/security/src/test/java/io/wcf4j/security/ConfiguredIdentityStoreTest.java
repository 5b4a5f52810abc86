package io.wcf4j.security;

import io.wcf4j.config.ConfigException;
import io.wcf4j.config.SecurityConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfiguredIdentityStoreTest {
    private static final String TELLER_HASH = ConfiguredIdentityStore.hash("teller-password");
    private final AtomicLong clock = new AtomicLong();

    private ConfiguredIdentityStore store(Map<String, SecurityConfig.User> users) {
        return ConfiguredIdentityStore.of(new SecurityConfig("test", users,
                new SecurityConfig.FailedLogins(Duration.ofMillis(100), Duration.ofSeconds(1)), null), clock::get);
    }

    private static SecurityConfig.User user(String name, String hash, String... roles) {
        return new SecurityConfig.User(name, hash, null, List.of(roles));
    }

    @Test
    void rightPassword_givesTheUsersRoles() {
        ConfiguredIdentityStore s = store(Map.of("teller", user("teller", TELLER_HASH, "teller")));
        assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.1:5000"))
                .hasValueSatisfying(i -> {
                    assertThat(i.name()).isEqualTo("teller");
                    assertThat(i.roles()).containsExactly("teller");
                });
        assertThat(TELLER_HASH).startsWith("{bcrypt}$2");
    }

    @Test
    void pbkdf2Hashes_areAcceptedToo() {
        String pbkdf2 = "{pbkdf2@SpringSecurity_v5_8}" + ConfiguredIdentityStore.SLOW_HASHES.get("pbkdf2@SpringSecurity_v5_8").encode("pw");
        ConfiguredIdentityStore s = store(Map.of("p", user("p", pbkdf2, "r")));
        assertThat(s.verifyPassword("p", "pw".toCharArray(), null)).isPresent();
    }

    @Test
    void wrongPasswordAndUnknownUser_lookAlike() {
        ConfiguredIdentityStore s = store(Map.of("teller", user("teller", TELLER_HASH, "teller")));
        assertThat(s.verifyPassword("teller", "guess".toCharArray(), "10.0.0.1:5000")).isEmpty();
        assertThat(s.verifyPassword("nobody", "guess".toCharArray(), "10.0.0.2:5000")).isEmpty();
    }

    @Test
    void afterAFailure_theUserIsRefusedUncheckedUntilTheDelayPasses_thenTheDelayDoubles() {
        ConfiguredIdentityStore s = store(Map.of("teller", user("teller", TELLER_HASH, "teller")));
        assertThat(s.verifyPassword("teller", "guess".toCharArray(), "10.0.0.1:1")).isEmpty();
        // even the right password, from another address, waits out the user's delay
        assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.9:1")).isEmpty();
        clock.addAndGet(Duration.ofMillis(101).toNanos());
        assertThat(s.verifyPassword("teller", "guess-2".toCharArray(), "10.0.0.1:1")).isEmpty();
        clock.addAndGet(Duration.ofMillis(101).toNanos());
        assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.9:1")).as("second delay is 200 ms").isEmpty();
        clock.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.9:1")).isPresent();
    }

    @Test
    void anAddressThatFailed_waitsForEveryUser() {
        ConfiguredIdentityStore s = store(Map.of("teller", user("teller", TELLER_HASH, "teller")));
        assertThat(s.verifyPassword("nobody", "x".toCharArray(), "10.0.0.7:1111")).isEmpty();
        assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.7:2222")).as("same host, other port").isEmpty();
        assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.8:2222")).isPresent();
    }

    @Test
    void backoffMemoryIsBounded() {
        FailedLoginBackoff b = new FailedLoginBackoff(new SecurityConfig.FailedLogins(Duration.ofSeconds(1), Duration.ofSeconds(1)), clock::get);
        for (int i = 0; i < FailedLoginBackoff.MAX_TRACKED * 3; i++) {
            clock.incrementAndGet();
            b.failed("address:" + i);
        }
        assertThat(b.remaining("address:" + (FailedLoginBackoff.MAX_TRACKED * 3 - 1))).isPositive();
        assertThat(b.mayTry("address:0")).as("the oldest were forgotten").isTrue();
    }

    @Test
    void fastOrClearPasswords_areRefusedAtStartNamingTheKey() {
        for (String bad : List.of("teller-password", "{noop}teller-password", "{sha256}abc", "{MD5}abc", "{bcrypt}")) {
            assertThatThrownBy(() -> store(Map.of("teller", user("teller", bad))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("wcf4j.security.users.teller.password")
                    .hasMessageNotContaining("teller-password");
        }
    }

    @Test
    void verifiedPrincipals_getTheirRolesByName() {
        ConfiguredIdentityStore s = store(Map.of("unix:ops", user("unix:ops", null, "auditor")));
        assertThat(s.find("unix:ops")).hasValueSatisfying(i -> assertThat(i.roles()).containsExactly("auditor"));
        assertThat(s.find("stranger")).isEmpty();
        assertThat(s.verifyPassword("unix:ops", "".toCharArray(), null)).as("no password, no login").isEmpty();
    }

    @Test
    void hostOf_dropsThePort() {
        assertThat(io.wcf4j.spi.PeerIdentity.hostOf("10.1.2.3:5555")).isEqualTo("10.1.2.3");
        assertThat(io.wcf4j.spi.PeerIdentity.hostOf("[::1]:5555")).isEqualTo("[::1]");
        assertThat(io.wcf4j.spi.PeerIdentity.hostOf("unix:/run/x.sock")).isEqualTo("unix:/run/x.sock");
    }

    @Test
    void aPasswordThatVerified_isNotHashedAgainForAWhile_butAGuessAlwaysIs() {
        ConfiguredIdentityStore s = store(Map.of("teller", user("teller", TELLER_HASH, "teller")));
        long t0 = System.nanoTime();
        assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.1:1")).isPresent();
        long first = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.1:1")).isPresent();
        }
        long twenty = System.nanoTime() - t0;
        assertThat(twenty).as("20 remembered checks cost less than one bcrypt").isLessThan(first);
        assertThat(s.verifyPassword("teller", "teller-passwore".toCharArray(), "10.0.0.2:1")).as("a near miss").isEmpty();
        clock.addAndGet(VerifiedPasswords.TTL.toNanos() + 1);
        assertThat(s.verifyPassword("teller", "teller-password".toCharArray(), "10.0.0.3:1")).as("after the TTL: hashed again").isPresent();
    }
}
