package io.wcf4j.http;

import io.wcf4j.config.ConfigException;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.SecuritySettings.TlsMaterial;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.function.Supplier;

/**
 * HTTP hosting inside an application's own web server (Spring Boot, a WAR): endpoints are mounted on an
 * {@link HttpRouter} that the application registered as a servlet. A plain endpoint's port must be the web
 * server's (or 0). An {@code https://} endpoint with TLS material gets a TLS connector of its own on its port, when
 * the application can add connectors ({@link TlsConnectors}: the Boot web server); without TLS material (a WAR) it
 * is served on whatever TLS connector the container has, and never over plain HTTP.
 */
public final class RouterServletHost implements HttpServletHost {
    private final HttpRouter router;
    private final Supplier<URI> baseAddress;
    private final TlsConnectors connectors;

    /**
     * Opens TLS connectors on the application's web server.
     */
    @FunctionalInterface
    public interface TlsConnectors {
        /**
         * Opens (or finds, when one with the same TLS material is open) a TLS connector.
         *
         * @return the port it listens on
         * @throws ConfigException when a connector on that port has other TLS material
         */
        int open(String host, int port, TlsMaterial tls) throws Exception;
    }

    /**
     * @param router       the registered router servlet
     * @param baseAddress  the web server's base address ({@code http://host:port/context-path}), asked at mount time
     */
    public RouterServletHost(HttpRouter router, Supplier<URI> baseAddress) {
        this(router, baseAddress, null);
    }

    /** @param connectors opens TLS connectors for {@code https://} endpoints, or null when the container owns TLS */
    public RouterServletHost(HttpRouter router, Supplier<URI> baseAddress, TlsConnectors connectors) {
        this.router = router;
        this.baseAddress = baseAddress;
        this.connectors = connectors;
    }

    @Override
    public Mount mount(EndpointAddress address, HttpServlet servlet, RequestLimits limits, TlsMaterial tls) throws Exception {
        URI base = baseAddress.get();
        String path = HttpRouter.normalize(address.path());
        String basePath = base.getPath() == null ? "" : HttpRouter.normalize(base.getPath());
        String host = address.host() != null ? address.host() : base.getHost();
        if (address.scheme().equals("https")) {
            if (tls != null && connectors == null) {
                throw new ConfigException("endpoint " + address + ".tls-certificate", "this web server's TLS is the container's: "
                        + "configure its TLS connector, and leave the endpoint's tls-* settings out");
            }
            if (tls == null && connectors != null) {
                throw new ConfigException("endpoint " + address + ".tls-certificate",
                        "an https:// address needs TLS material (tls-certificate); it is never served in plain text");
            }
            int port = tls == null ? HttpRouter.ANY_PORT
                    : connectors.open(address.host() == null ? "0.0.0.0" : address.host(), address.port() < 0 ? 443 : address.port(), tls);
            router.mount(path, servlet, limits, port, true);
            URI actual = URI.create("https://" + host + (port == HttpRouter.ANY_PORT ? "" : ":" + port) + basePath + path);
            return new Mount(actual, () -> router.unmount(path, port));
        }
        if (address.port() > 0 && base.getPort() > 0 && address.port() != base.getPort()) {
            throw new ConfigException("endpoint " + address, "port " + address.port() + " is not the web server's port "
                    + base.getPort() + ": HTTP endpoints are served by the application's web server (set server.port, "
                    + "or write the address with ${server.port})");
        }
        router.mount(path, servlet, limits);
        URI actual = URI.create(address.scheme() + "://" + host + ":" + base.getPort() + basePath + path);
        return new Mount(actual, () -> router.unmount(path));
    }
}
