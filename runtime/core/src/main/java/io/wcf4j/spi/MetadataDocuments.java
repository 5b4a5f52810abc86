package io.wcf4j.spi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Documents that bindings without an HTTP side of their own publish under the host's {@code /metadata/<file>} (the
 * gRPC binding's {@code <service>.proto}), kept in the host's {@link HostResources}. The endpoint list links each
 * endpoint to its documents. Thread-safe.
 *
 * @since 0.1
 */
public final class MetadataDocuments {
    /**
     * One document.
     *
     * @param endpointName the endpoint it describes (linked from its entry in {@code /metadata})
     * @param kind         what it is, as the endpoint list names it ({@code proto})
     * @param contentType  its media type
     * @param text         its content
     */
    public record Document(String endpointName, String kind, String contentType, String text) {
    }

    private final Map<String, Document> byFile = new ConcurrentHashMap<>();

    /** Publishes a document under {@code /metadata/<fileName>}, replacing one of the same name. */
    public void put(String fileName, Document document) {
        byFile.put(fileName, document);
    }

    /** Withdraws a document, if it is still the one given. */
    public void remove(String fileName, Document document) {
        byFile.remove(fileName, document);
    }

    /** The document published under this file name, or null. */
    public Document get(String fileName) {
        return byFile.get(fileName);
    }

    /** The documents of an endpoint, as file name and document. */
    public List<Map.Entry<String, Document>> of(String endpointName) {
        return byFile.entrySet().stream().filter(e -> e.getValue().endpointName().equals(endpointName))
                .sorted(Map.Entry.comparingByKey()).toList();
    }
}
