package io.wcf4j.binding.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ConfigException;
import io.wcf4j.spi.SecuritySettings;
import io.wcf4j.spi.SecuritySettings.TlsMaterial;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * security-mode {@code transport}: HTTP/2 over TLS with grpc-java's own TLS credentials (the shaded Netty's BoringSSL
 * where it loads, else the JDK), from the same tls-* settings as every binding; client certificates optional or
 * required, each verified one handed to the pipeline as the peer's identity.
 */
final class GrpcTls {
    private GrpcTls() {
    }

    static boolean isOn(BindingSettings settings) {
        return settings.get(GrpcBinding.SECURITY_MODE).equals(SecuritySettings.TRANSPORT);
    }

    static ServerCredentials server(BindingSettings settings, String where) {
        if (!isOn(settings)) {
            return InsecureServerCredentials.create();
        }
        TlsMaterial tls = SecuritySettings.tlsMaterial(settings, where, true);
        try {
            TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder();
            if (TlsMaterial.isPkcs12(tls.certificate())) {
                b.keyManager(tls.pkcs12KeyManagers());
            } else {
                b.keyManager(tls.certificate().toFile(), tls.privateKey().toFile());
            }
            if (tls.trust() != null) {
                if (TlsMaterial.isPkcs12(tls.trust())) {
                    b.trustManager(tls.pkcs12TrustManagers());
                } else {
                    b.trustManager(tls.trust().toFile());
                }
            }
            return b.clientAuth(switch (tls.clientCertificate()) {
                case SecuritySettings.CLIENT_CERTIFICATE_REQUIRED -> TlsServerCredentials.ClientAuth.REQUIRE;
                case SecuritySettings.CLIENT_CERTIFICATE_OPTIONAL -> TlsServerCredentials.ClientAuth.OPTIONAL;
                default -> TlsServerCredentials.ClientAuth.NONE;
            }).build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(where + ".tls-certificate", "cannot use the TLS material " + tls + ": " + e.getMessage());
        }
    }

    static ChannelCredentials client(BindingSettings settings, String where) {
        if (!isOn(settings)) {
            return InsecureChannelCredentials.create();
        }
        TlsMaterial tls = SecuritySettings.tlsMaterial(settings, where, false);
        if (!tls.verifyHostname()) {
            throw new ConfigException(where + ".tls-verify-hostname", "the grpc binding always checks the server's name; "
                    + "call it by a name its certificate carries");
        }
        try {
            TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
            if (tls.certificate() != null) {
                if (TlsMaterial.isPkcs12(tls.certificate())) {
                    b.keyManager(tls.pkcs12KeyManagers());
                } else {
                    b.keyManager(tls.certificate().toFile(), tls.privateKey().toFile());
                }
            }
            if (tls.trust() != null) {
                if (TlsMaterial.isPkcs12(tls.trust())) {
                    b.trustManager(tls.pkcs12TrustManagers());
                } else {
                    b.trustManager(tls.trust().toFile());
                }
            }
            return b.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(where + ".tls-trust", "cannot use the TLS material " + tls + ": " + e.getMessage());
        }
    }
}
