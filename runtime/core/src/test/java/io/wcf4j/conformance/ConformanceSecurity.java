package io.wcf4j.conformance;

import io.wcf4j.ClientCredentials;
import io.wcf4j.security.AuthenticationBehavior;
import io.wcf4j.security.Identity;
import io.wcf4j.security.IdentityStore;
import io.wcf4j.spi.ClientBehavior;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The suite's users: {@value #USER} (role {@value #MEMBER}) and {@value #ADMIN_USER} (roles {@value #MEMBER} and
 * {@value #ADMIN}). Their store compares test passwords as they are: a fixture, not a way to keep passwords (the
 * wcf4j-security module hashes them).
 */
public final class ConformanceSecurity {
    public static final String MEMBER = "conformance-member";
    public static final String ADMIN = "conformance-admin";
    public static final String USER = "conformance-alice";
    public static final String USER_PASSWORD = "alice-Pa55:word";
    public static final String ADMIN_USER = "conformance-root";
    public static final String ADMIN_PASSWORD = "root-Pa55word-ü";

    private static final Map<String, String> PASSWORDS = Map.of(USER, USER_PASSWORD, ADMIN_USER, ADMIN_PASSWORD);
    private static final Map<String, Set<String>> ROLES = Map.of(USER, Set.of(MEMBER), ADMIN_USER, Set.of(MEMBER, ADMIN));

    /** The fixture's identity store. */
    public static final IdentityStore STORE = new IdentityStore() {
        @Override
        public Optional<Identity> verifyPassword(String user, char[] password, String remoteAddress) {
            String expected = PASSWORDS.get(user);
            boolean ok = expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    new String(password).getBytes(StandardCharsets.UTF_8));
            return ok ? find(user) : Optional.empty();
        }

        @Override
        public Optional<char[]> digestSecret(String user) {
            String p = PASSWORDS.get(user);
            return p == null ? Optional.empty() : Optional.of(p.toCharArray());
        }

        @Override
        public Optional<Identity> find(String name) {
            Set<String> roles = ROLES.get(name);
            return roles == null ? Optional.empty() : Optional.of(new Identity(name, roles));
        }
    };

    private ConformanceSecurity() {
    }

    /** The authentication stage over the fixture's users. */
    public static AuthenticationBehavior authentication() {
        return AuthenticationBehavior.builder(STORE).realm("conformance").build();
    }

    public static ClientBehavior alice() {
        return ClientCredentials.userName(USER, USER_PASSWORD.toCharArray());
    }

    public static ClientBehavior root() {
        return ClientCredentials.userName(ADMIN_USER, ADMIN_PASSWORD.toCharArray());
    }
}
