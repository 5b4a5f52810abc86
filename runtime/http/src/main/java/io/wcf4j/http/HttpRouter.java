package io.wcf4j.http;

import io.wcf4j.spi.ErrorTexts;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One servlet in front of every HTTP endpoint of a web server: it picks the endpoint servlet by the longest
 * mounted path prefix, enforces the endpoint's request size limit, and presents the request to the endpoint
 * servlet with the mount path as servlet path, so that CXF and Jersey see the same request shape whether the
 * router is mapped at {@code /*} (embedded Tomcat) or elsewhere (Spring Boot, a WAR).
 *
 * <p>Endpoint servlets can be mounted and unmounted while the router serves. Thread-safe.
 */
public final class HttpRouter extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    /** Routes by path; the reverse order puts longer prefixes of a path before shorter ones. */
    private final Map<String, Route> routes = new ConcurrentSkipListMap<>(Collections.reverseOrder());
    private final String fallbackServlet;
    private transient volatile ServletContext context;

    /** A router that answers 404 for a path no endpoint serves. */
    public HttpRouter() {
        this(null);
    }

    /**
     * A router that hands a path no endpoint serves to another servlet of the application, by name (e.g. Spring
     * MVC's {@code dispatcherServlet}, for the actuator), when there is one.
     */
    public HttpRouter(String fallbackServlet) {
        this.fallbackServlet = fallbackServlet;
    }

    /**
     * A mounted servlet.
     *
     * @param port   the local port it is served on, or {@link #ANY_PORT}
     * @param secure whether it is served over TLS only
     */
    private record Route(String path, HttpServlet servlet, RequestLimits limits, int port, boolean secure) {
        String key() {
            return HttpRouter.key(path, port);
        }

        boolean serves(HttpServletRequest req) {
            return (port == ANY_PORT || port == req.getLocalPort()) && (!secure || req.isSecure());
        }
    }

    /** A route's port that matches every connector. */
    public static final int ANY_PORT = -1;

    /** Routes are keyed by path, then port: the same path may be served on two connectors (plain and TLS). */
    private static String key(String path, int port) {
        return path + "\u0000" + port;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        synchronized (this) {
            // set under the lock: a mount racing this init must not initialise its servlet a second time
            this.context = config.getServletContext();
            for (Route r : routes.values()) {
                initChild(r);
            }
        }
    }

    /**
     * Mounts a servlet at a path ({@code ""} for the root); initialises it now if the router is running.
     *
     * @throws IllegalStateException if the path is taken
     */
    public synchronized void mount(String path, HttpServlet servlet, RequestLimits limits) throws ServletException {
        mount(path, servlet, limits, ANY_PORT, false);
    }

    /**
     * Mounts a servlet at a path, for requests that arrive on one local port ({@link #ANY_PORT}: every port), over TLS
     * only if {@code secure}.
     *
     * @throws IllegalStateException if the path is taken on that port
     */
    public synchronized void mount(String path, HttpServlet servlet, RequestLimits limits, int port, boolean secure)
            throws ServletException {
        String p = normalize(path);
        Route route = new Route(p, servlet, limits, port, secure);
        if (routes.containsKey(route.key())) {
            throw new IllegalStateException("HTTP path '" + (p.isEmpty() ? "/" : p) + "' is already served by another endpoint");
        }
        if (context != null) {
            // before requests can reach it: one that came first would find its servlet not yet initialised (Jersey's
            // fails with a NullPointerException; the chaos run met it during a restart under load)
            initChild(route);
        }
        routes.put(route.key(), route);
    }

    /** Unmounts and destroys the servlet at a path, if any. */
    public synchronized void unmount(String path) {
        unmount(path, ANY_PORT);
    }

    /** Unmounts and destroys the servlet at a path on a port, if any. */
    public synchronized void unmount(String path, int port) {
        Route r = routes.remove(key(normalize(path), port));
        if (r != null && context != null) {
            try {
                r.servlet().destroy();
            } catch (RuntimeException e) {
                log.warn("destroying the servlet at {} failed", r.path(), e);
            }
        }
    }

    /** Whether something is mounted at exactly this path. */
    public boolean isMounted(String path) {
        return routes.containsKey(key(normalize(path), ANY_PORT));
    }

    @Override
    public void destroy() {
        for (Route r : routes.values()) {
            try {
                r.servlet().destroy();
            } catch (RuntimeException e) {
                log.warn("destroying the servlet at {} failed", r.path(), e);
            }
        }
        routes.clear();
        context = null;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String path = pathWithinApplication(req);
        Route route = match(path, req);
        if (route == null && fallbackServlet != null) {
            jakarta.servlet.RequestDispatcher fallback = getServletContext().getNamedDispatcher(fallbackServlet);
            if (fallback != null) {
                fallback.forward(req, resp);
                return;
            }
        }
        if (route == null) {
            resp.setStatus(404);
            resp.setContentType("application/problem+json");
            resp.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"no endpoint at this path; GET /metadata lists the endpoints\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        long limit = route.limits().maxRequestBytes();
        long declared = req.getContentLengthLong();
        if (declared > limit) {
            log.warn("refused a {}-byte request to {} from {}: over the {}-byte limit", declared, ErrorTexts.forLog(path),
                    req.getRemoteAddr(), limit);
            route.limits().tooLarge().respond(req, resp, limit);
            return;
        }
        String rest = path.substring(route.path().length());
        req.setAttribute(HttpMetadataCodec.PEER_ATTRIBUTE, HttpMetadataCodec.peer(req));
        route.servlet().service(new RoutedRequest(req, route.path(), rest, limit), resp);
    }

    private Route match(String path, HttpServletRequest req) {
        for (Route r : routes.values()) {
            if (!r.serves(req)) {
                continue;
            }
            String p = r.path();
            if (path.equals(p) || (path.startsWith(p) && (p.isEmpty() || path.charAt(p.length()) == '/'))) {
                return r;
            }
        }
        return null;
    }

    private static String pathWithinApplication(HttpServletRequest req) {
        String sp = req.getServletPath() == null ? "" : req.getServletPath();
        String pi = req.getPathInfo() == null ? "" : req.getPathInfo();
        return sp + pi;
    }

    private void initChild(Route route) throws ServletException {
        ServletContext ctx = context;
        String name = "wcf4j:" + (route.path().isEmpty() ? "/" : route.path());
        route.servlet().init(new ServletConfig() {
            @Override
            public String getServletName() {
                return name;
            }

            @Override
            public ServletContext getServletContext() {
                return ctx;
            }

            @Override
            public String getInitParameter(String n) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        });
    }

    static String normalize(String path) {
        String p = path == null ? "" : path.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        return p;
    }

    /** The request as the endpoint servlet sees it: servlet path = mount path, path info = the rest. */
    private static final class RoutedRequest extends HttpServletRequestWrapper {
        private final String servletPath;
        private final String pathInfo;
        private final long limit;
        private ServletInputStream limited;

        RoutedRequest(HttpServletRequest request, String servletPath, String rest, long limit) {
            super(request);
            this.servletPath = servletPath;
            this.pathInfo = rest.isEmpty() ? null : rest;
            this.limit = limit;
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public String getPathInfo() {
            return pathInfo;
        }

        @Override
        public String getPathTranslated() {
            return null;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit);
            }
            return limited;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            // through the limited stream too: a reader must not be a way around the size limit
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }
    }
}
