package io.wcf4j.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The endpoints open in the hosts that share a {@link HostResources}, for metadata. Hosts add their
 * endpoints when they open and remove them when they close. Thread-safe.
 *
 * @since 0.1
 */
public final class EndpointDirectory {
    private final List<PublishedEndpoint> endpoints = new CopyOnWriteArrayList<>();

    public void add(PublishedEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    public void remove(PublishedEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    /** A snapshot, in the order endpoints opened. */
    public List<PublishedEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }
}
