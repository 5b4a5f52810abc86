package io.wcf4j.binding.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ConfigException;
import io.wcf4j.spi.SecuritySettings.TlsMaterial;
import io.wcf4j.spi.SecuritySettings;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

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
            material(tls, b::keyManager, b::keyManager, b::trustManager, b::trustManager);
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
            material(tls, b::keyManager, b::keyManager, b::trustManager, b::trustManager);
            return b.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(where + ".tls-trust", "cannot use the TLS material " + tls + ": " + e.getMessage());
        }
    }

    /** grpc-java's TLS builders' {@code keyManager(certificateChain, privateKey)}. */
    @FunctionalInterface
    private interface KeyFiles {
        Object accept(File certificateChain, File privateKey) throws IOException;
    }

    /** grpc-java's TLS builders' {@code trustManager(caCertificates)}. */
    @FunctionalInterface
    private interface TrustFile {
        Object accept(File caCertificates) throws IOException;
    }

    /**
     * Hands this side's certificate (if any) and the CAs that verify the peer (if any) to a grpc-java TLS credentials
     * builder: PEM files as they are, PKCS#12 stores as the JDK's key and trust managers.
     */
    private static void material(TlsMaterial tls, KeyFiles keyFiles, Consumer<KeyManager[]> keyManagers, TrustFile trustFile,
                                 Consumer<TrustManager[]> trustManagers) throws IOException, GeneralSecurityException {
        if (tls.certificate() != null) {
            if (TlsMaterial.isPkcs12(tls.certificate())) {
                keyManagers.accept(tls.pkcs12KeyManagers());
            } else {
                keyFiles.accept(tls.certificate().toFile(), tls.privateKey().toFile());
            }
        }
        if (tls.trust() != null) {
            if (TlsMaterial.isPkcs12(tls.trust())) {
                trustManagers.accept(tls.pkcs12TrustManagers());
            } else {
                trustFile.accept(tls.trust().toFile());
            }
        }
    }
}
