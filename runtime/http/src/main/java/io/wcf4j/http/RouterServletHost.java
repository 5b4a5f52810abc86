package io.wcf4j.http;

import io.wcf4j.config.ConfigException;
import io.wcf4j.spi.EndpointAddress;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.function.Supplier;

/**
 * HTTP hosting inside an application's own web server (Spring Boot, a WAR): endpoints are mounted on an
 * {@link HttpRouter} that the application registered as a servlet. Only the address's path matters; its port
 * must be the web server's (or 0).
 */
public final class RouterServletHost implements HttpServletHost {
    private final HttpRouter router;
    private final Supplier<URI> baseAddress;

    /**
     * @param router       the registered router servlet
     * @param baseAddress  the web server's base address ({@code http://host:port/context-path}), asked at mount time
     */
    public RouterServletHost(HttpRouter router, Supplier<URI> baseAddress) {
        this.router = router;
        this.baseAddress = baseAddress;
    }

    @Override
    public Mount mount(EndpointAddress address, HttpServlet servlet, RequestLimits limits) throws Exception {
        URI base = baseAddress.get();
        if (address.port() > 0 && base.getPort() > 0 && address.port() != base.getPort()) {
            throw new ConfigException("endpoint " + address, "port " + address.port() + " is not the web server's port "
                    + base.getPort() + ": HTTP endpoints are served by the application's web server (set server.port, "
                    + "or write the address with ${server.port})");
        }
        String path = HttpRouter.normalize(address.path());
        router.mount(path, servlet, limits);
        String host = address.host() != null ? address.host() : base.getHost();
        String basePath = base.getPath() == null ? "" : HttpRouter.normalize(base.getPath());
        URI actual = URI.create(address.scheme() + "://" + host + ":" + base.getPort() + basePath + path);
        return new Mount(actual, () -> router.unmount(path));
    }
}
