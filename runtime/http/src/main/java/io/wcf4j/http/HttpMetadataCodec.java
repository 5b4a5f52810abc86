package io.wcf4j.http;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Deadlines;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The call metadata of the HTTP bindings (SOAP and REST) in HTTP headers, both ways: each metadata key is a
 * header of the same name (its values, one header line each), and the deadline is the {@code Wcf4j-Timeout}
 * header, the caller's remaining time in milliseconds. Headers that describe the HTTP message rather than the
 * call ({@code Content-Length}, {@code Host}, {@code Connection} ...) are not metadata and are never written from
 * it. Also reads what the servlet container verified about the peer: its address, its TLS client certificate
 * chain and the container's authenticated principal.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class HttpMetadataCodec {
    /** Headers of the HTTP message itself: never metadata, in either direction. */
    private static final Set<String> MESSAGE_HEADERS = Set.of("content-length", "content-type", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "te", "trailer", "host", "expect", "proxy-connection",
            "content-encoding", "accept-encoding", "http2-settings");
    private static final String TIMEOUT = CommonSettings.TIMEOUT_HEADER.toLowerCase(Locale.ROOT);
    /**
     * The request attribute under which the {@link HttpRouter} records the {@link PeerIdentity} of every request it
     * routes, for endpoint servlets that see the request only through their framework (Jersey's request properties).
     */
    public static final String PEER_ATTRIBUTE = PeerIdentity.class.getName();
    private static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private HttpMetadataCodec() {
    }

    /**
     * The metadata of a request, from its headers.
     *
     * @param names  the header names
     * @param values the values of a header name
     * @throws ServiceException INVALID_ARGUMENT when {@code Wcf4j-Timeout} is not a number of milliseconds
     */
    public static CallMetadata read(Iterable<String> names, java.util.function.Function<String, List<String>> values) {
        CallMetadata.Builder b = CallMetadata.builder();
        for (String name : names) {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals(TIMEOUT)) {
                List<String> v = values.apply(name);
                b.deadline(Deadlines.fromRemainingMillis(v == null || v.isEmpty() ? null : v.get(0), CommonSettings.TIMEOUT_HEADER));
            } else if (!MESSAGE_HEADERS.contains(key)) {
                List<String> v = values.apply(name);
                if (v != null) {
                    v.forEach(value -> b.addIfValid(key, value));
                }
            }
        }
        return b.build();
    }

    /** The metadata of a servlet request. */
    public static CallMetadata read(HttpServletRequest request) {
        return read(Collections.list(request.getHeaderNames()), n -> Collections.list(request.getHeaders(n)));
    }

    /** The metadata of a header map (a client reading its response's headers). */
    public static CallMetadata read(Map<String, List<String>> headers) {
        return read(headers.keySet().stream().filter(java.util.Objects::nonNull).toList(), headers::get);
    }

    /**
     * The metadata of headers that are reported rather than served (a refusal, a response): empty when it cannot be
     * read, since the metadata itself may be what was wrong.
     */
    public static CallMetadata readOrEmpty(Iterable<String> names, java.util.function.Function<String, List<String>> values) {
        try {
            return read(names, values);
        } catch (ServiceException e) {
            return CallMetadata.EMPTY;
        }
    }

    /**
     * The refusal to report to the endpoint's Dispatcher for a request refused before the endpoint's servlet saw it
     * (the router refused its declared size).
     */
    public static Refusal refusal(ListenContext endpoint, HttpServletRequest request, FaultCode code, String message) {
        CallMetadata metadata = readOrEmpty(Collections.list(request.getHeaderNames()), n -> Collections.list(request.getHeaders(n)));
        return new Refusal(null, endpoint.newContext().metadata(metadata).peer(peerOf(request)).build(),
                Outcome.error(code, message));
    }

    /** The peer of a request: as the router recorded it, else as the container knows it. */
    public static PeerIdentity peerOf(HttpServletRequest request) {
        return request.getAttribute(PEER_ATTRIBUTE) instanceof PeerIdentity p ? p : peer(request);
    }

    /**
     * Writes metadata as headers: each entry, and the deadline as {@code Wcf4j-Timeout} (the time left, never
     * negative).
     */
    public static void write(CallMetadata metadata, BiConsumer<String, String> header) {
        for (Map.Entry<String, List<String>> e : metadata.asMap().entrySet()) {
            if (!MESSAGE_HEADERS.contains(e.getKey()) && !e.getKey().equals(TIMEOUT)) {
                for (String v : e.getValue()) {
                    header.accept(e.getKey(), v);
                }
            }
        }
        if (metadata.deadline() != null) {
            header.accept(CommonSettings.TIMEOUT_HEADER, Long.toString(Deadlines.remainingMillis(metadata.deadline())));
        }
    }

    /** Writes response metadata as response headers (before the response is committed). */
    public static void write(CallMetadata metadata, HttpServletResponse response) {
        write(metadata, response::addHeader);
    }

    /** What the container verified about the peer of a request. */
    public static PeerIdentity peer(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        PeerIdentity peer = address == null ? PeerIdentity.UNKNOWN : PeerIdentity.ofHostAndPort(address, request.getRemotePort());
        if (request.getAttribute(CERTIFICATES_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0) {
            peer = peer.withCertificateChain(List.of(chain));
        }
        if (request.getUserPrincipal() != null) {
            peer = peer.withVerifiedPrincipal(request.getUserPrincipal());
        }
        return peer;
    }
}
