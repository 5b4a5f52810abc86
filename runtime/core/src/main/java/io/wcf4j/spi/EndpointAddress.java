package io.wcf4j.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * An endpoint address: {@code http://host:port/path}, {@code net.tcp://host:port/path},
 * {@code net.pipe:///path/to/socket}, {@code jms:queue:name}, {@code local:name}.
 *
 * @since 0.1
 */
public final class EndpointAddress {
    private final String text;
    private final URI uri;

    private EndpointAddress(String text, URI uri) {
        this.text = text;
        this.uri = uri;
    }

    /** Parses an address; throws {@link IllegalArgumentException} naming the address if it is not a URI with a scheme. */
    public static EndpointAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        try {
            URI uri = new URI(address.trim());
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("address '" + address + "' has no scheme (e.g. http://, net.tcp://, jms:)");
            }
            return new EndpointAddress(address.trim(), uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("address '" + address + "' is not a valid URI: " + e.getMessage());
        }
    }

    public static EndpointAddress of(URI uri) {
        return new EndpointAddress(uri.toString(), uri);
    }

    public String scheme() {
        return uri.getScheme();
    }

    public URI uri() {
        return uri;
    }

    /** The host, or null for addresses without one. */
    public String host() {
        return uri.getHost();
    }

    /** The port, or -1 if the address names none. */
    public int port() {
        return uri.getPort();
    }

    /** The path without a trailing slash ({@code ""} for the root). */
    public String path() {
        String p = uri.getPath() == null ? "" : uri.getPath();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Whether the host is a wildcard bind address (0.0.0.0, ::, or *). */
    public boolean isWildcardHost() {
        String h = host();
        return h != null && (h.equals("0.0.0.0") || h.equals("[::]") || h.equals("::") || h.equals("*"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointAddress a && a.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Whether a host name or literal (IPv6 in brackets or not) is loopback; false for null or empty (every interface). */
    public static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                    .isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
