package io.wcf4j.spring;

import io.wcf4j.config.ConfigException;
import io.wcf4j.http.RouterServletHost;
import io.wcf4j.http.TomcatConnectors;
import io.wcf4j.spi.SecuritySettings.TlsMaterial;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * TLS connectors for {@code https://} endpoints on the Boot web server's Tomcat: one per port, opened when the first
 * endpoint on it opens, closed with the web server. Endpoints on one port must agree on TLS.
 */
final class BootTomcatConnectors implements RouterServletHost.TlsConnectors {
    private static final Logger log = LoggerFactory.getLogger(BootTomcatConnectors.class);

    private final ApplicationContext context;
    private final Map<Integer, Opened> opened = new HashMap<>();

    private record Opened(int port, TlsMaterial tls) {
    }

    BootTomcatConnectors(ApplicationContext context) {
        this.context = context;
    }

    static boolean available() {
        return org.springframework.util.ClassUtils.isPresent("org.springframework.boot.tomcat.TomcatWebServer",
                BootTomcatConnectors.class.getClassLoader());
    }

    @Override
    public synchronized int open(String host, int port, TlsMaterial tls) throws Exception {
        Opened o = port == 0 ? null : opened.get(port);
        if (o != null) {
            if (!Objects.equals(o.tls(), tls)) {
                throw new ConfigException("https port " + port + ".tls-certificate", "endpoints on port " + port
                        + " must agree on TLS (tls-* settings): TLS is the port's, not the path's");
            }
            return o.port();
        }
        if (!(context instanceof WebServerApplicationContext w) || !(w.getWebServer() instanceof TomcatWebServer tomcat)) {
            throw new ConfigException("https port " + port, "https endpoints with TLS settings of their own need the Tomcat "
                    + "web server (or configure the web server's own TLS and serve them from it)");
        }
        Connector connector = TomcatConnectors.create(host, port, tls);
        // the service is running: adding the connector starts it, and a port in use fails here
        tomcat.getTomcat().getService().addConnector(connector);
        int actual = connector.getLocalPort();
        opened.put(port == 0 ? -actual : port, new Opened(actual, tls));
        log.info("TLS connector listening on {}:{}", host, actual);
        return actual;
    }
}
