package io.wcf4j.testclient;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ClientCredentials;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.PublishedEndpoint;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proxies of the host's own endpoints, for the test client: the only addresses it ever calls are those the host
 * listens on (no request forgery: a caller names an endpoint, never an address). A proxy is made from the endpoint's
 * binding configuration, keeping only what means the same to both ends (SOAP version, security mode, message
 * credential) and trusting the endpoint's own TLS certificate; the caller's credential is per call.
 */
final class OwnEndpoints {
    private static final Set<String> SHARED_SETTINGS = Set.of("soap-version", "security-mode", "message-credential",
            "message-protection", "max-received-message-size");
    private static final ThreadLocal<String> AUTHORIZATION = new ThreadLocal<>();

    private OwnEndpoints() {
    }

    /** The settings a proxy in this process needs to call the endpoint, or why the test client does not call it. */
    record Reach(BindingConfig binding, URI address, String notCallable) {
    }

    static Reach reach(ServiceHost host, PublishedEndpoint endpoint) {
        BindingConfig server = host.endpointBinding(endpoint.name()).orElse(null);
        if (server == null) {
            return new Reach(null, null, "the endpoint is not open");
        }
        switch (endpoint.binding()) {
            case "soap-http", "rest-json", "net-tcp", "grpc" -> {
            }
            case "net-pipe" -> {
                return new Reach(null, null, "a named pipe's caller is the host's own operating-system user: the test client "
                        + "does not call one on a browser's behalf");
            }
            default -> {
                return new Reach(null, null, "the test client does not call " + endpoint.binding() + " endpoints");
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        server.settings().forEach((k, v) -> {
            if (SHARED_SETTINGS.contains(k)) {
                settings.put(k, v);
            }
        });
        if ("certificate".equals(settings.get("message-credential"))) {
            return new Reach(null, null, "messages must be signed with a certificate the test client does not hold");
        }
        if ("required".equals(String.valueOf(server.settings().get("client-certificate")))) {
            return new Reach(null, null, "the endpoint requires a TLS client certificate");
        }
        URI address = endpoint.address();
        boolean tls = address.getScheme().equals("https") || "transport".equals(settings.get("security-mode"))
                || "transport-with-message-credential".equals(settings.get("security-mode"));
        if (tls) {
            Object certificate = server.settings().get("tls-certificate");
            if (certificate == null) {
                return new Reach(null, null, "the endpoint's TLS certificate is not a file the test client can trust");
            }
            // trust exactly the endpoint's own certificate
            settings.put("tls-trust", certificate);
        }
        String listening = address.getHost();
        if (listening == null || listening.equals("0.0.0.0") || listening.equals("::") || listening.equals("[::]")) {
            // a wildcard listener: call it where its certificate says it is (the development certificate names localhost)
            address = URI.create(address.toString().replaceFirst("//(0\\.0\\.0\\.0|\\[::])", "//" + (tls ? "localhost" : "127.0.0.1")));
        }
        return new Reach(BindingConfig.of(endpoint.binding(), settings), address, null);
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
