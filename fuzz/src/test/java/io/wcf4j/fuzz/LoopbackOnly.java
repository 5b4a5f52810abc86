package io.wcf4j.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;

/** Jazzer reports any network connection as a server-side request forgery unless allowed: the targets' own hosts are. */
final class LoopbackOnly {
    private LoopbackOnly() {
    }

    static void allow() {
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
    }
}
