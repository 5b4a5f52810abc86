package io.wcf4j.clients.cli;

import io.wcf4j.ClientCredentials;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.SecuritySettings;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The caller's credential and the TLS trust of a call. A password or token is read from a file, an environment
 * variable or the terminal, never from a plain flag (a command line is visible to every user of the machine).
 */
final class SecurityOptions {
    @Option(names = "--user", paramLabel = "NAME", description = "Call as this user (HTTP Basic, or the WS-Security UsernameToken "
            + "with --security message); the password comes from --password-file, --password-env or the terminal.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from the environment variable VAR.")
    String passwordEnv;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Send the bearer token in FILE (e.g. from 'wcf4j token').")
    Path tokenFile;

    @Option(names = "--token-env", paramLabel = "VAR", description = "Send the bearer token in the environment variable VAR.")
    String tokenEnv;

    @Option(names = "--ca", paramLabel = "FILE", description = "Trust the CA certificates in FILE (PEM) for https:// and net.tcp TLS "
            + "(e.g. data/pki/ca.pem of a development host).")
    Path ca;

    @Option(names = "--cert", paramLabel = "FILE", description = "Present this client certificate (PEM chain, or .p12 with --key omitted).")
    Path certificate;

    @Option(names = "--key", paramLabel = "FILE", description = "The client certificate's private key (PEM PKCS#8).")
    Path key;

    @Option(names = "--tls", description = "Use TLS on a net.tcp address (security-mode transport).")
    boolean tls;

    @Option(names = "--security", paramLabel = "MODE", description = "The endpoint's security mode when it is not plain or TLS: "
            + "message or transport-with-message-credential (SOAP, a UsernameToken in the message).")
    String securityMode;

    @Option(names = "--digest", description = "With --security: send the UsernameToken's password as a PasswordDigest.")
    boolean digest;

    /** Adds the TLS and security settings these options ask for to a binding's settings. */
    Map<String, Object> settings(String scheme, Map<String, Object> settings) {
        Map<String, Object> s = new java.util.HashMap<>(settings);
        if (tls && (scheme.equals("net.tcp") || scheme.equals("grpc"))) {
            s.put("security-mode", SecuritySettings.TRANSPORT);
        }
        if (securityMode != null) {
            s.put("security-mode", securityMode);
            s.put("message-credential", digest ? "username-digest" : "username");
        }
        if (ca != null) {
            s.put("tls-trust", ca.toAbsolutePath().toString());
        }
        if (certificate != null) {
            s.put("tls-certificate", certificate.toAbsolutePath().toString());
            if (key != null) {
                s.put("tls-private-key", key.toAbsolutePath().toString());
            }
        }
        return s;
    }

    /** The credential to send, as client behaviors (none, or one). */
    List<ClientBehavior> credentials(CommandLine commandLine) {
        List<ClientBehavior> out = new ArrayList<>();
        if (user != null) {
            out.add(ClientCredentials.userName(user, password(commandLine)));
        }
        String token = secret(commandLine, tokenFile, tokenEnv, null);
        if (token != null) {
            if (user != null) {
                throw new CommandLine.ParameterException(commandLine, "give --user or a token, not both");
            }
            out.add(ClientCredentials.bearer(token.strip()));
        }
        return out;
    }

    /** The credential as an HTTP {@code Authorization} value (Basic or Bearer), or null for none. */
    String authorization(CommandLine commandLine) {
        String token = secret(commandLine, tokenFile, tokenEnv, null);
        if (user != null && token != null) {
            throw new CommandLine.ParameterException(commandLine, "give --user or a token, not both");
        }
        if (user != null) {
            return io.wcf4j.security.BasicCredentials.encode(user, password(commandLine));
        }
        return token == null ? null : "Bearer " + token.strip();
    }

    /** Whether TLS was asked for (--tls or a CA to trust). */
    boolean wantsTls() {
        return tls || ca != null;
    }

    /** The CA certificates to trust, or null. */
    java.nio.file.Path ca() {
        return ca;
    }

    /** The TLS context for fetching an https:// host's metadata, or null for the JDK's defaults. */
    SSLContext metadataTls() {
        if (ca == null) {
            return null;
        }
        return io.wcf4j.http.HttpTls.clientContext(new SecuritySettings.TlsMaterial(null, null, null, ca, "none", true));
    }

    private char[] password(CommandLine commandLine) {
        String p = secret(commandLine, passwordFile, passwordEnv, null);
        if (p != null) {
            return p.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandLine.ParameterException(commandLine, "--user " + user
                    + " needs a password: --password-file, --password-env, or a terminal to type it on");
        }
        return console.readPassword("password for %s: ", user);
    }

    /** A secret from a file's first line or an environment variable, or {@code dflt} when neither is given. */
    static String secret(CommandLine commandLine, Path file, String env, String dflt) {
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return lines.isEmpty() ? "" : lines.get(0);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandLine, "cannot read " + file + ": " + e.getMessage());
            }
        }
        if (env != null) {
            String v = System.getenv(env);
            if (v == null) {
                throw new CommandLine.ParameterException(commandLine, "environment variable " + env + " is not set");
            }
            return v;
        }
        return dflt;
    }
}
