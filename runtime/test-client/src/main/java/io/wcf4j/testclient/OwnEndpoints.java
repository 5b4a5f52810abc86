package io.wcf4j.testclient;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ClientCredentials;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.Setting;
import io.wcf4j.spi.BindingRegistry;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.PublishedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proxies of the host's own endpoints, for the test client: the only addresses it ever calls are those the host
 * listens on (no request forgery: a caller names an endpoint, never an address). A proxy is made from the endpoint's
 * binding configuration, keeping only what means the same to both ends (SOAP version, security mode, message
 * credential) and trusting the endpoint's own TLS certificate; the caller's credential is per call. A SOAP/JMS
 * endpoint is called as any other process reaches its queue: over the broker's URL with the account the binding names
 * for clients (the embedded broker's acceptor and {@code embedded-user}, or the external broker's {@code url} and
 * {@code user}). Where messages must be signed with an X.509 certificate, the test client signs with its own
 * configured one ({@link SigningCertificate}): the certificate, not a typed credential, is then the caller.
 */
final class OwnEndpoints {
    private static final Set<String> SHARED_SETTINGS = Set.of("soap-version", "security-mode", "message-credential",
            "message-protection", "max-received-message-size");
    private static final ThreadLocal<String> AUTHORIZATION = new ThreadLocal<>();
    static final String CERTIFICATE_PROPERTY = "wcf4j.test-client.message-certificate";
    static final String PRIVATE_KEY_PROPERTY = "wcf4j.test-client.message-private-key";

    private OwnEndpoints() {
    }

    /**
     * The settings a proxy in this process needs to call the endpoint, or why the test client does not call it;
     * {@code signer}, when the test client's own certificate signs the messages (typed credentials are then not sent).
     */
    record Reach(BindingConfig binding, URI address, String notCallable, String signer) {
        static Reach refused(String why) {
            return new Reach(null, null, why, null);
        }
    }

    /** The test client's own certificate and private key (PEM files) for endpoints whose messages are signed; none: nulls. */
    record SigningCertificate(String certificate, String privateKey) {
        static final SigningCertificate NONE = new SigningCertificate(null, null);

        SigningCertificate {
            certificate = certificate == null || certificate.isBlank() ? null : certificate;
            privateKey = privateKey == null || privateKey.isBlank() ? null : privateKey;
        }
    }

    static Reach reach(ServiceHost host, PublishedEndpoint endpoint, SigningCertificate own) {
        BindingConfig server = host.endpointBinding(endpoint.name()).orElse(null);
        if (server == null) {
            return Reach.refused("the endpoint is not open");
        }
        return reach(server, endpoint, own);
    }

    /** How to call an open endpoint whose binding configuration is {@code server}. */
    static Reach reach(BindingConfig server, PublishedEndpoint endpoint, SigningCertificate own) {
        switch (endpoint.binding()) {
            case "soap-http", "rest-json", "net-tcp", "grpc", "soap-jms" -> {
            }
            case "net-pipe" -> {
                return Reach.refused("a named pipe's caller is the host's own operating-system user: the test client "
                        + "does not call one on a browser's behalf");
            }
            default -> {
                return Reach.refused("the test client does not call " + endpoint.binding() + " endpoints");
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        server.settings().forEach((k, v) -> {
            if (SHARED_SETTINGS.contains(k)) {
                settings.put(k, v);
            }
        });
        String signer = null;
        if (signsWithCertificate(settings)) {
            String refused = signWith(own, server, settings);
            if (refused != null) {
                return Reach.refused(refused);
            }
            signer = subject(Path.of(own.certificate()));
        }
        if (endpoint.binding().equals("soap-jms")) {
            String refused = broker(server, settings);
            if (refused != null) {
                return Reach.refused(refused);
            }
        }
        if ("required".equals(String.valueOf(server.settings().get("client-certificate")))) {
            return Reach.refused("the endpoint requires a TLS client certificate");
        }
        URI address = endpoint.address();
        boolean tls = "https".equals(address.getScheme()) || "transport".equals(settings.get("security-mode"))
                || "transport-with-message-credential".equals(settings.get("security-mode"));
        if (tls) {
            Object certificate = server.settings().get("tls-certificate");
            if (certificate == null) {
                return Reach.refused("the endpoint's TLS certificate is not a file the test client can trust");
            }
            // trust exactly the endpoint's own certificate
            settings.put("tls-trust", certificate);
        }
        String listening = address.getHost();
        if (!address.isOpaque() && (listening == null || listening.equals("0.0.0.0") || listening.equals("::") || listening.equals("[::]"))) {
            // a wildcard listener: call it where its certificate says it is (the development certificate names localhost)
            address = URI.create(address.toString().replaceFirst("//(0\\.0\\.0\\.0|\\[::])", "//" + (tls ? "localhost" : "127.0.0.1")));
        }
        return new Reach(BindingConfig.of(endpoint.binding(), settings), address, null, signer);
    }

    /** Whether each message is signed with the caller's X.509 certificate (a message mode with that credential). */
    private static boolean signsWithCertificate(Map<String, Object> settings) {
        Object mode = settings.get("security-mode");
        return ("message".equals(mode) || "transport-with-message-credential".equals(mode))
                && "certificate".equals(settings.get("message-credential"));
    }

    /**
     * Signs with the test client's certificate: the service's own message certificate is the peer's (requests are
     * encrypted for it, replies checked against it) and its trust is ours. Null when set, else why not.
     */
    private static String signWith(SigningCertificate own, BindingConfig server, Map<String, Object> settings) {
        if (own.certificate() == null || own.privateKey() == null) {
            return "messages must be signed with a client certificate: give the test client one (" + CERTIFICATE_PROPERTY
                    + " and " + PRIVATE_KEY_PROPERTY + ", PEM files)";
        }
        Object service = server.settings().get("message-certificate");
        Object trust = server.settings().get("message-trust");
        if (service == null || trust == null || server.settings().containsKey("message-keystore-password")) {
            return "the endpoint's message certificate and trust are not PEM files the test client can read";
        }
        if (subject(Path.of(own.certificate())) == null) {
            return CERTIFICATE_PROPERTY + ": " + own.certificate() + " is not a readable PEM certificate";
        }
        if (!Files.isReadable(Path.of(own.privateKey()))) {
            return PRIVATE_KEY_PROPERTY + ": " + own.privateKey() + " is not a readable file";
        }
        settings.put("message-certificate", own.certificate());
        settings.put("message-private-key", own.privateKey());
        settings.put("message-trust", trust);
        settings.put("message-peer-certificate", service);
        return null;
    }

    /** The subject of the first certificate of a PEM file, or null when it cannot be read as one. */
    private static String subject(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSubjectX500Principal().getName();
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            return null;
        }
    }

    /**
     * The broker and account a client process uses for a SOAP/JMS endpoint: an external broker's {@code url},
     * {@code user} and {@code password}; else the embedded broker's acceptor for other processes and the account it
     * keeps for them. Never the host's own in-VM connection: the test client gets no more than any other client.
     * Null when set, else why not.
     */
    private static String broker(BindingConfig server, Map<String, Object> settings) {
        String url = serverSetting(server, "url");
        if (!url.isEmpty()) {
            settings.put("url", url);
            String user = serverSetting(server, "user");
            if (!user.isEmpty()) {
                settings.put("user", user);
                settings.put("password", serverSetting(server, "password"));
            }
            return null;
        }
        String acceptor = serverSetting(server, "embedded-acceptor");
        String user = serverSetting(server, "embedded-user");
        if (acceptor.isEmpty() || acceptor.equals("none") || user.isEmpty()) {
            return "the embedded broker lets no other process in (it needs embedded-acceptor and embedded-user): the test "
                    + "client reaches the queue as any other client would";
        }
        // a wildcard acceptor is reached on loopback
        settings.put("url", acceptor.replaceFirst("//(0\\.0\\.0\\.0|\\[::])", "//127.0.0.1"));
        settings.put("user", user);
        settings.put("password", serverSetting(server, "embedded-password"));
        return null;
    }

    /** A setting of the endpoint's binding as configured, else the binding's default ("" for none). */
    private static String serverSetting(BindingConfig server, String name) {
        Object v = server.settings().get(name);
        if (v == null) {
            v = BindingRegistry.getDefault().get(server.type(), name).settings().stream().filter(s -> s.name().equals(name))
                    .findFirst().map(Setting::defaultValue).orElse(null);
        }
        return v == null ? "" : String.valueOf(v);
    }

    /**
     * A proxy of the endpoint for one call, recording what goes over the wire. A factory per call (closed after it)
     * keeps each call's messages apart, whichever thread the binding reports them on.
     */
    static OneCall oneCall(ServiceHost host, Reach reach) {
        WireRecording wire = new WireRecording();
        ChannelFactory<?> factory = ChannelFactory.builder(host.contract().type()).address(reach.address().toString())
                .binding(reach.binding()).behavior(new PerCallCredential()).wireTap(wire).build();
        return new OneCall(factory, wire);
    }

    /** A proxy's factory and the messages of its call. */
    record OneCall(ChannelFactory<?> factory, WireRecording wire) implements AutoCloseable {
        Object proxy() {
            return factory.createChannel();
        }

        @Override
        public void close() {
            factory.close();
        }
    }

    /** Runs {@code call} presenting {@code credentials} (a user and password, or a token; none when empty). */
    static <T> T as(Credentials credentials, CheckedCall<T> call) throws Exception {
        AUTHORIZATION.set(credentials.authorization());
        try {
            return call.call();
        } finally {
            AUTHORIZATION.remove();
        }
    }

    /** A call that may throw. */
    interface CheckedCall<T> {
        T call() throws Exception;
    }

    /** What a browser typed: never logged, never kept past its call. */
    record Credentials(String user, char[] password, String token) {
        static final Credentials NONE = new Credentials(null, null, null);

        String authorization() {
            if (user != null && !user.isEmpty()) {
                return io.wcf4j.security.BasicCredentials.encode(user, password == null ? new char[0] : password);
            }
            return token == null || token.isEmpty() ? null : "Bearer " + token;
        }

        @Override
        public String toString() {
            return user != null ? "user " + user : token != null ? "a bearer token" : "anonymous";
        }
    }

    /** Puts the current call's credential in its metadata, as {@link ClientCredentials} would. */
    private static final class PerCallCredential implements ClientBehavior {
        @Override
        public int order() {
            return ClientCredentials.ORDER;
        }

        @Override
        public Object invoke(ClientCall call, Next next) throws Exception {
            String authorization = AUTHORIZATION.get();
            if (authorization != null) {
                call.metadata().put(CallMetadata.AUTHORIZATION, authorization);
            }
            return next.proceed(call);
        }
    }

    static Optional<PublishedEndpoint> endpoint(ServiceHost host, String name) {
        return host.endpoints().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
