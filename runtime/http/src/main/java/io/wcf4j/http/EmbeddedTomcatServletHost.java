package io.wcf4j.http;

import io.wcf4j.config.ConfigException;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.EndpointDirectory;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.MetadataDocuments;
import io.wcf4j.spi.SecuritySettings;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP hosting for a {@link io.wcf4j.ServiceHost} that runs without an application server: one embedded
 * Tomcat per host:port, started on the first endpoint mounted there, each with an {@link HttpRouter} at
 * {@code /*} and {@code /metadata}. Closed with the host's resources.
 */
public final class EmbeddedTomcatServletHost implements HttpServletHost, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedTomcatServletHost.class);
    /**
     * Tomcat's own loggers (java.util.logging, which the JDK prints at INFO): their start and stop lines say what the
     * host's "endpoint listening" line says. At WARNING unless the application set their level itself; held here,
     * as java.util.logging forgets a level whose logger is collected.
     */
    private static final java.util.List<java.util.logging.Logger> TOMCAT_LOGGERS = quieter("org.apache.catalina", "org.apache.coyote",
            "org.apache.tomcat");

    private static java.util.List<java.util.logging.Logger> quieter(String... names) {
        java.util.List<java.util.logging.Logger> loggers = new java.util.ArrayList<>();
        for (String name : names) {
            java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
            if (l.getLevel() == null) {
                l.setLevel(java.util.logging.Level.WARNING);
            }
            loggers.add(l);
        }
        return java.util.List.copyOf(loggers);
    }

    private final HostResources resources;
    private final Map<String, Server> servers = new LinkedHashMap<>();

    private record Server(Tomcat tomcat, HttpRouter router, int port, Path baseDir, SecuritySettings.TlsMaterial tls) {
    }

    public EmbeddedTomcatServletHost(HostResources resources) {
        this.resources = resources;
    }

    @Override
    public synchronized Mount mount(EndpointAddress address, HttpServlet servlet, RequestLimits limits,
                                    SecuritySettings.TlsMaterial tls) throws Exception {
        String host = address.host() == null ? "0.0.0.0" : address.host();
        boolean https = address.scheme().equals("https");
        if (https && tls == null) {
            throw new ConfigException("endpoint " + address + ".tls-certificate",
                    "an https:// address needs TLS material (tls-certificate); it is never served in plain text");
        }
        int port = address.port() >= 0 ? address.port() : (https ? 443 : 80);
        String key = host + ":" + port;
        Server server = port == 0 ? null : servers.get(key);
        if (server != null && !java.util.Objects.equals(server.tls(), https ? tls : null)) {
            throw new ConfigException("endpoint " + address + ".security-mode", "endpoints on " + key
                    + " must agree on TLS (scheme and tls-* settings): TLS is the port's, not the path's");
        }
        if (server == null) {
            server = start(host, port, https ? tls : null);
            servers.put(host + ":" + server.port(), server);
        }
        String path = HttpRouter.normalize(address.path());
        if (path.equals("/metadata") || path.startsWith("/metadata/")) {
            throw new IllegalStateException("/metadata is reserved for the endpoint list and its documents");
        }
        HttpRouter router = server.router();
        router.mount(path, servlet, limits);
        URI actual = URI.create(address.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.port() + path);
        return new Mount(actual, () -> router.unmount(path));
    }

    private Server start(String host, int port, SecuritySettings.TlsMaterial tls) throws LifecycleException, IOException {
        Path baseDir = Files.createTempDirectory("wcf4j-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = TomcatConnectors.create(host, port, tls);
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", baseDir.toString());
        if (ctx instanceof org.apache.catalina.core.StandardContext standard) {
            // the context has no classes of its own (everything comes from the host's class path), so there is no
            // web application's leak to look for at stop; the checks would only warn that they need --add-opens
            standard.setClearReferencesThreadLocals(false);
            standard.setClearReferencesRmiTargets(false);
        }
        HttpRouter router = new HttpRouter();
        Tomcat.addServlet(ctx, "wcf4j-router", router).setLoadOnStartup(1);
        ctx.addServletMappingDecoded("/*", "wcf4j-router");
        Tomcat.addServlet(ctx, "wcf4j-metadata", new MetadataServlet(() -> resources.get(EndpointDirectory.class),
                () -> resources.get(MetadataDocuments.class), null));
        ctx.addServletMappingDecoded("/metadata", "wcf4j-metadata");
        ctx.addServletMappingDecoded("/metadata/*", "wcf4j-metadata");
        try {
            tomcat.start();
        } catch (LifecycleException | RuntimeException e) {
            // a port in use, say: leave nothing behind
            try {
                tomcat.destroy();
            } catch (LifecycleException ignored) {
                // already failing
            }
            deleteQuietly(baseDir);
            throw e;
        }
        int actual = connector.getLocalPort();
        log.debug("embedded Tomcat listening on {}:{}", host, actual);
        return new Server(tomcat, router, actual, baseDir, tls);
    }

    @Override
    public synchronized void close() {
        for (Server s : servers.values()) {
            try {
                s.tomcat().stop();
                s.tomcat().destroy();
            } catch (LifecycleException e) {
                log.warn("stopping embedded Tomcat on port {} failed", s.port(), e);
            }
            deleteQuietly(s.baseDir());
        }
        servers.clear();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedTomcatServletHost" + servers.keySet();
    }
}
