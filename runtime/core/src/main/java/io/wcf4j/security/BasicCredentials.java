package io.wcf4j.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP Basic credentials (RFC 7617, UTF-8) as the {@code authorization} metadata value carries them, whatever the
 * wire: the one place that writes and reads them. The password is a {@code char[]} its user wipes.
 *
 * @param user     the user name
 * @param password the password
 * @since 0.1
 */
public record BasicCredentials(String user, char[] password) {
    private static final String SCHEME = "Basic ";

    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Whether an authorization value uses the Basic scheme. */
    public static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Reads {@code Basic base64(user:password)}, strictly: base64, then UTF-8, then a non-empty user name.
     *
     * @throws IllegalArgumentException saying what is malformed (never the value)
     */
    public static BasicCredentials parse(String authorization) {
        if (!isBasic(authorization)) {
            throw new IllegalArgumentException("not Basic credentials");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed Basic credentials (not base64)");
        }
        char[] chars;
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            chars = new char[decoded.remaining()];
            decoded.get(chars);
            Arrays.fill(decoded.array(), '\0');
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("malformed Basic credentials (not UTF-8)");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        try {
            int colon = 0;
            while (colon < chars.length && chars[colon] != ':') {
                colon++;
            }
            if (colon == 0 || colon == chars.length) {
                throw new IllegalArgumentException("malformed Basic credentials (no user name)");
            }
            return new BasicCredentials(new String(chars, 0, colon), Arrays.copyOfRange(chars, colon + 1, chars.length));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Writes {@code Basic base64(user:password)}. */
    public static String encode(String user, char[] password) {
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a user name for Basic credentials cannot contain ':'");
        }
        CharBuffer chars = CharBuffer.allocate(user.length() + 1 + password.length);
        chars.put(user).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        String value = SCHEME + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return value;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "BasicCredentials[" + user + "]";
    }
}
