package io.wcf4j.spi;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What the transport itself established about the peer of a call, as opposed to what the caller claims in its
 * {@link CallMetadata}: the network address it connected from, the certificate chain it proved in a TLS
 * handshake, its user and group on a Unix domain socket, and a principal that a container or message-security
 * layer has already verified (a servlet container's login, WS-Security).
 *
 * <p>Nothing here comes from a header the client wrote. The authentication stage of the admit phase turns it
 * and the credentials in the metadata into the call's principal.
 *
 * <p>Immutable.
 *
 * @param remoteAddress      the peer's address as the binding saw it ({@code 127.0.0.1:51234},
 *                           {@code unix:/run/x.sock}), or null when the wire has none (a queue)
 * @param certificateChain   the peer's TLS certificate chain, leaf first; empty without client authentication
 * @param unixCredentials    the peer process's user and group on a Unix domain socket, or null
 * @param verifiedPrincipal  a principal a container or WS-Security verified, or null
 * @since 0.1
 */
public record PeerIdentity(String remoteAddress, List<X509Certificate> certificateChain,
                           UnixCredentials unixCredentials, Principal verifiedPrincipal) {

    /** Nothing known about the peer. */
    public static final PeerIdentity UNKNOWN = new PeerIdentity(null, List.of(), null, null);

    public PeerIdentity {
        certificateChain = List.copyOf(Objects.requireNonNull(certificateChain, "certificateChain"));
    }

    /** A peer known by its network host and port; an IPv6 host is written in brackets ({@code [::1]:5000}). */
    public static PeerIdentity ofHostAndPort(String host, int port) {
        return ofAddress((host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port);
    }

    /**
     * The host of a remote address as {@link #ofHostAndPort} writes it ({@code 10.0.0.1:5000} → {@code 10.0.0.1},
     * {@code [::1]:5000} → {@code [::1]}); an address with no port ({@code unix:/run/x.sock}) as it is.
     */
    public static String hostOf(String remoteAddress) {
        if (remoteAddress.startsWith("unix:")) {
            return remoteAddress;
        }
        if (remoteAddress.startsWith("[")) {
            int end = remoteAddress.indexOf(']');
            return end > 0 ? remoteAddress.substring(0, end + 1) : remoteAddress;
        }
        int colon = remoteAddress.lastIndexOf(':');
        return colon > 0 && remoteAddress.indexOf(':') == colon ? remoteAddress.substring(0, colon) : remoteAddress;
    }

    /** Whether the peer connected from this machine's loopback interface. */
    public boolean isLoopback() {
        return remoteAddress != null && EndpointAddress.isLoopbackHost(hostOf(remoteAddress));
    }

    /**
     * A peer known by the socket address its connection came from: host and port for a network address (the numeric
     * host where it was resolved), the address's text otherwise, {@link #UNKNOWN} for none.
     */
    public static PeerIdentity of(java.net.SocketAddress remote) {
        if (remote instanceof java.net.InetSocketAddress a) {
            return ofHostAndPort(a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString(), a.getPort());
        }
        return remote == null ? UNKNOWN : ofAddress(String.valueOf(remote));
    }

    /** This peer with the certificate chain it proved in a TLS handshake; itself when it presented none. */
    public PeerIdentity withCertificatesOf(javax.net.ssl.SSLSession tls) {
        try {
            List<X509Certificate> chain = new java.util.ArrayList<>();
            for (java.security.cert.Certificate c : tls.getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
            return withCertificateChain(chain);
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return this;   // no client certificate (client-certificate none, or optional and not sent)
        }
    }

    /** A peer known only by its address. */
    public static PeerIdentity ofAddress(String remoteAddress) {
        return new PeerIdentity(remoteAddress, List.of(), null, null);
    }

    public PeerIdentity withCertificateChain(List<X509Certificate> chain) {
        return new PeerIdentity(remoteAddress, chain, unixCredentials, verifiedPrincipal);
    }

    public PeerIdentity withUnixCredentials(UnixCredentials credentials) {
        return new PeerIdentity(remoteAddress, certificateChain, credentials, verifiedPrincipal);
    }

    public PeerIdentity withVerifiedPrincipal(Principal principal) {
        return new PeerIdentity(remoteAddress, certificateChain, unixCredentials, principal);
    }

    /**
     * The user and group of the process at the other end of a Unix domain socket, as the kernel reports them
     * ({@code SO_PEERCRED}).
     *
     * @param user  the user name (or numeric id when the name is unknown)
     * @param group the group name (or numeric id)
     */
    public record UnixCredentials(String user, String group) {
    }
}
