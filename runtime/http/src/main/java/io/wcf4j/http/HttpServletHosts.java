package io.wcf4j.http;

import io.wcf4j.spi.HostResources;

/** Finds the {@link HttpServletHost} of a host: the one put there (Spring, a WAR), else an embedded Tomcat. */
public final class HttpServletHosts {
    private HttpServletHosts() {
    }

    public static HttpServletHost of(HostResources resources) {
        return resources.computeIfAbsent(HttpServletHost.class, () -> new EmbeddedTomcatServletHost(resources));
    }
}
