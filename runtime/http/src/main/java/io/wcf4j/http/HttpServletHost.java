package io.wcf4j.http;

import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.SecuritySettings;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;

/**
 * Where HTTP bindings put their servlets: an embedded Tomcat per port when a {@link io.wcf4j.ServiceHost}
 * runs alone ({@link EmbeddedTomcatServletHost}), the application's web server under Spring Boot or in a WAR.
 * A binding finds it in the host's {@link io.wcf4j.spi.HostResources} (see {@link HttpServletHosts}).
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface HttpServletHost {

    /**
     * Serves {@code servlet} at the address's path and everything under it. The servlet sees the mount path
     * as its servlet path and the rest as its path info, wherever the host itself is mapped.
     *
     * @param limits what the router enforces before the servlet runs (the message size limit)
     * @param tls    the TLS an {@code https://} address is served with, or null: then the host's own TLS, if it
     *               has one (a WAR's container), else the address is refused
     * @return the mount, whose address is the absolute address actually served (resolved port)
     * @throws IllegalStateException if the path is already served
     */
    Mount mount(EndpointAddress address, HttpServlet servlet, RequestLimits limits, SecuritySettings.TlsMaterial tls) throws Exception;

    /** {@link #mount(EndpointAddress, HttpServlet, RequestLimits, SecuritySettings.TlsMaterial)} of a plain endpoint. */
    default Mount mount(EndpointAddress address, HttpServlet servlet, RequestLimits limits) throws Exception {
        return mount(address, servlet, limits, null);
    }

    /**
     * A mounted servlet.
     *
     * @param address  the absolute address served, with the real port (never 0)
     * @param unmounter stops serving the path and destroys the servlet; idempotent
     */
    record Mount(URI address, Runnable unmounter) {
        /** Stops serving the path and destroys the servlet. Idempotent. */
        public void unmount() {
            unmounter.run();
        }
    }
}
