package io.wcf4j.binding.soap;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.Setting;
import io.wcf4j.security.BasicCredentials;
import io.wcf4j.security.Identity;
import io.wcf4j.security.IdentityStore;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.SecuritySettings;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;
import org.w3c.dom.Element;

/**
 * WS-Security on SOAP, with WSS4J (through CXF) driven by the endpoint's published WS-SecurityPolicy
 * ({@link SecurityPolicies}): the security modes {@code message} and {@code transport-with-message-credential} with a
 * UsernameToken (PasswordText or PasswordDigest, always with a Nonce and a Created time; inside TLS also a Timestamp)
 * or X.509 certificates ({@link X509MessageSecurity}), a nonce replay cache and bounded clock skew. A token's password
 * is checked against the host's {@link IdentityStore}, the same the authentication stage uses; the verified user
 * becomes the call's principal on every SOAP transport (HTTP, JMS).
 */
public final class SoapSecurity {
    /** WCF's modes; message modes carry the credential in the envelope. */
    static final Setting<String> MODE = SecuritySettings.mode(SecuritySettings.NONE, SecuritySettings.TRANSPORT,
            SecuritySettings.MESSAGE, SecuritySettings.TRANSPORT_WITH_MESSAGE_CREDENTIAL);
    /** SOAP over JMS: only message security protects a message resting in a queue. */
    static final Setting<String> QUEUE_MODE = SecuritySettings.mode(SecuritySettings.NONE, SecuritySettings.MESSAGE);
    static final String USERNAME = "username";
    static final String USERNAME_DIGEST = "username-digest";
    /**
     * The credential in the message: a user name and password (PasswordText or PasswordDigest), or the caller's
     * X.509 certificate, with which it signs (and the service's, for which it encrypts) each message.
     */
    static final Setting<String> MESSAGE_CREDENTIAL = Setting.choice("message-credential", USERNAME,
            List.of(USERNAME, USERNAME_DIGEST, X509MessageSecurity.CERTIFICATE));
    /** How old a Timestamp or a UsernameToken's Created may be. */
    static final Setting<Duration> MESSAGE_TTL = Setting.duration("message-ttl", Duration.ofMinutes(5));
    /** How far in the future a Timestamp or Created may be (clocks differ). */
    static final Setting<Duration> CLOCK_SKEW = Setting.duration("clock-skew", Duration.ofSeconds(60));
    /** At most this many elements in a Security header: each token costs a check, some a slow hash. */
    static final int MAX_SECURITY_HEADER_ELEMENTS = 8;

    private SoapSecurity() {
    }

    /** The security settings of a SOAP binding over HTTP. */
    static List<Setting<?>> httpSettings() {
        List<Setting<?>> s = new ArrayList<>();
        s.add(MODE);
        s.addAll(SecuritySettings.tls());
        s.addAll(List.of(MESSAGE_CREDENTIAL, MESSAGE_TTL, CLOCK_SKEW));
        s.addAll(X509MessageSecurity.settings());
        return s;
    }

    /** The security settings of SOAP over a queue (the {@code soap-jms} binding's). */
    public static List<Setting<?>> queueSettings() {
        List<Setting<?>> s = new ArrayList<>(List.of(QUEUE_MODE, MESSAGE_CREDENTIAL, MESSAGE_TTL, CLOCK_SKEW));
        s.addAll(X509MessageSecurity.settings());
        return s;
    }

    static boolean carriesMessageCredential(BindingSettings settings) {
        String mode = settings.get(MODE);
        return mode.equals(SecuritySettings.MESSAGE) || mode.equals(SecuritySettings.TRANSPORT_WITH_MESSAGE_CREDENTIAL);
    }

    /** Whether the message carries an X.509 signature (and encryption) rather than a user name. */
    static boolean carriesCertificate(BindingSettings settings) {
        return carriesMessageCredential(settings) && settings.get(MESSAGE_CREDENTIAL).equals(X509MessageSecurity.CERTIFICATE);
    }

    /** Whether a client turns the call's user name and password into a UsernameToken. */
    static boolean carriesUserName(BindingSettings settings) {
        return carriesMessageCredential(settings) && !carriesCertificate(settings);
    }

    /**
     * Secures an endpoint in a message mode: its WS-SecurityPolicy (returned, for the caller to attach to the endpoint
     * before it starts), which CXF's policy-driven WSS4J interceptors enforce, the properties they read (the identity
     * store's checks of a UsernameToken, or our key and the CAs we trust; the time-to-live of Timestamps and
     * Created times) and wcf4j's own checks around WSS4J (header limits, replay caches, what a signature covers).
     * Nothing, and null, in the other modes.
     */
    static Element secureServer(ListenContext context, Map<String, Object> properties, List<Interceptor<? extends Message>> in) {
        BindingSettings settings = context.settings();
        if (!carriesMessageCredential(settings)) {
            return null;
        }
        String endpoint = "endpoint " + context.endpointName();
        String ttl = String.valueOf(settings.get(MESSAGE_TTL).toSeconds());
        String skew = String.valueOf(settings.get(CLOCK_SKEW).toSeconds());
        properties.put(SecurityConstants.TIMESTAMP_TTL, ttl);
        properties.put(SecurityConstants.TIMESTAMP_FUTURE_TTL, skew);
        in.add(new SecurityHeaderLimits(MAX_SECURITY_HEADER_ELEMENTS));
        in.add(replayCaches());
        if (carriesCertificate(settings)) {
            X509MessageSecurity.secureServer(settings, endpoint, properties, in);
        } else {
            IdentityStore store = context.resources().get(IdentityStore.class);
            if (store == null) {
                throw new ConfigException(endpoint + ".security-mode", settings.get(MODE)
                        + " checks user names and passwords, but the host has no identity store (configure wcf4j.security.users, "
                        + "or give the host an AuthenticationBehavior)");
            }
            properties.put(SecurityConstants.CALLBACK_HANDLER, new DigestSecrets(store));
            properties.put(SecurityConstants.USERNAME_TOKEN_VALIDATOR, new StoreValidator(store, settings.get(MODE)));
            properties.put(SecurityConstants.USERNAMETOKEN_TTL, ttl);
            properties.put(SecurityConstants.USERNAMETOKEN_FUTURE_TTL, skew);
        }
        return SecurityPolicies.ofService(settings);
    }

    /**
     * Replays within the time-to-live are refused (a queue's redelivery of the same message is not one); later ones
     * fail on their age. CXF looks its replay caches up among the message's contextual properties, not among the
     * interceptor's, so they are put on each message before WSS4J reads it.
     */
    private static Interceptor<SoapMessage> replayCaches() {
        DeliveryReplayCache nonces = new DeliveryReplayCache();
        DeliveryReplayCache timestamps = new DeliveryReplayCache();
        return new AbstractSoapInterceptor(Phase.READ) {
            @Override
            public void handleMessage(SoapMessage message) {
                message.put(SecurityConstants.ENABLE_NONCE_CACHE, Boolean.TRUE);
                message.put(SecurityConstants.NONCE_CACHE_INSTANCE, nonces);
                message.put(SecurityConstants.ENABLE_TIMESTAMP_CACHE, Boolean.TRUE);
                message.put(SecurityConstants.TIMESTAMP_CACHE_INSTANCE, timestamps);
            }
        };
    }

    /**
     * Makes a client follow its endpoint's WS-SecurityPolicy, the one the service publishes: with a user name, each
     * call's own credential goes in its UsernameToken ({@link #messageCredential}); with certificates, the channel's
     * keys sign and encrypt.
     */
    static void secureClient(Client client, BindingSettings settings) {
        if (!carriesMessageCredential(settings)) {
            return;
        }
        SecurityPolicies.attach(client.getBus(), client.getEndpoint().getEndpointInfo(), SecurityPolicies.ofClient(settings));
        if (carriesCertificate(settings)) {
            X509MessageSecurity.secureClient(client, settings);
        }
    }

    /**
     * For a call on a client in a message mode: takes the {@code authorization: Basic} credential out of the call's
     * metadata (it must not also travel as a header) and hands it to WSS4J, for this call only (the request context is
     * the calling thread's).
     *
     * @throws io.wcf4j.ServiceException UNAUTHENTICATED when the call carries no user name and password
     */
    static void messageCredential(Map<String, Object> requestContext, CallMetadata.Builder metadata) {
        String authorization = metadata.get(CallMetadata.AUTHORIZATION);
        if (!BasicCredentials.isBasic(authorization)) {
            throw new io.wcf4j.ServiceException(io.wcf4j.FaultCode.UNAUTHENTICATED,
                    "authentication failed: this binding carries a user name credential in each message; give the channel "
                    + "ClientCredentials.userName(...)");
        }
        BasicCredentials basic;
        try {
            basic = BasicCredentials.parse(authorization);
        } catch (IllegalArgumentException e) {
            throw new io.wcf4j.ServiceException(io.wcf4j.FaultCode.UNAUTHENTICATED, "authentication failed: " + e.getMessage());
        }
        String user = basic.user();
        String password = new String(basic.password());
        java.util.Arrays.fill(basic.password(), '\0');
        metadata.remove(CallMetadata.AUTHORIZATION);
        requestContext.put(SecurityConstants.USERNAME, user);
        requestContext.put(SecurityConstants.CALLBACK_HANDLER, (CallbackHandler) callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof WSPasswordCallback pc && user.equals(pc.getIdentifier())) {
                    pc.setPassword(password);
                }
            }
        });
    }

    /** Gives WSS4J a user's clear secret, for the one check that needs it: PasswordDigest. */
    private record DigestSecrets(IdentityStore store) implements CallbackHandler {
        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback c : callbacks) {
                if (!(c instanceof WSPasswordCallback pc) || pc.getUsage() != WSPasswordCallback.USERNAME_TOKEN) {
                    throw new UnsupportedCallbackException(c);
                }
                Optional<char[]> secret = store.digestSecret(pc.getIdentifier());
                // no secret (an unknown user, or a user kept as a hash only): the digest cannot match
                pc.setPassword(secret.map(String::new).orElse(null));
                secret.ifPresent(s -> java.util.Arrays.fill(s, '\0'));
            }
        }
    }

    /**
     * Checks a UsernameToken against the identity store: a PasswordText password with the store's slow hash (and
     * its failed-login backoff), a PasswordDigest against the store's digest secret; either way with a Nonce and a
     * Created time. A clear-text password is refused in {@code message} mode unless it came over TLS or loopback.
     */
    private static final class StoreValidator extends UsernameTokenValidator {
        private final IdentityStore store;
        private final String mode;

        StoreValidator(IdentityStore store, String mode) {
            this.store = store;
            this.mode = mode;
        }

        @Override
        protected void verifyPlaintextPassword(UsernameToken token, RequestData data) throws WSSecurityException {
            requireNonceAndCreated(token);
            PeerIdentity peer = data.getMsgContext() instanceof SoapMessage m ? SoapMetadataCodec.peer(m) : PeerIdentity.UNKNOWN;
            if (mode.equals(SecuritySettings.MESSAGE) && !overTls(data) && !peer.isLoopback()) {
                throw failed();
            }
            char[] password = token.getPassword() == null ? new char[0] : token.getPassword().toCharArray();
            try {
                Optional<Identity> identity = store.verifyPassword(token.getName(), password, peer.remoteAddress());
                if (identity.isEmpty()) {
                    throw failed();
                }
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }

        @Override
        protected void verifyDigestPassword(UsernameToken token, RequestData data) throws WSSecurityException {
            requireNonceAndCreated(token);
            try {
                super.verifyDigestPassword(token, data);
            } catch (IllegalArgumentException e) {
                throw failed();   // a nonce or digest that is not base64
            }
        }

        private static void requireNonceAndCreated(UsernameToken token) throws WSSecurityException {
            if (token.getNonce() == null || token.getCreated() == null) {
                throw failed();
            }
        }

        private static WSSecurityException failed() {
            return new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }

        private static boolean overTls(RequestData data) {
            return data.getMsgContext() instanceof SoapMessage m
                    && m.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest r && r.isSecure();
        }
    }
}
