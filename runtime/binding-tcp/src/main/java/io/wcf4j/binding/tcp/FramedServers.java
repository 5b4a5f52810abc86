package io.wcf4j.binding.tcp;

import io.wcf4j.spi.EndpointAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The listening sockets of a host's framed endpoints, by bind address; kept in the host's resources. */
final class FramedServers {
    private final Map<String, FramedServer> servers = new HashMap<>();

    /** Opens (or joins) the socket for an endpoint and registers it under its path; returns the listening address. */
    synchronized URI add(Transport transport, FramedEndpoint endpoint, EventLoops loops) throws Exception {
        EndpointAddress a = endpoint.context.address();
        String path = transport.isTcp() ? a.path() : "";
        // port 0 asks for a fresh port: such an endpoint never shares its socket
        boolean shareable = !transport.isTcp() || a.port() != 0;
        String key = transport.isTcp()
                ? "net.tcp " + (a.host() == null ? "0.0.0.0" : a.host()) + ":" + a.port()
                : "net.pipe " + Transport.socketPath(a);
        FramedServer server = shareable ? servers.get(key) : null;
        if (server == null) {
            String k = shareable ? key : key + "#" + System.identityHashCode(endpoint);
            FramedServer created = new FramedServer(k, transport, a, endpoint, () -> remove(k));
            created.start(loops);
            servers.put(k, created);
            server = created;
        }
        endpoint.server = server;
        endpoint.serverPath = path;
        return server.add(path, endpoint);
    }

    private synchronized void remove(String key) {
        servers.remove(key);
    }
}
