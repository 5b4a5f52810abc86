package io.wcf4j.observability;

import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WCF's transport-level message logging: every message an endpoint received or sent, as it was on the wire, one
 * JSON line each, into the same loggers as the service-level {@link MessageLog} ({@code wcf4j.messages.<service>}),
 * marked {@code "level": "transport"}. A host puts it in its {@link io.wcf4j.spi.HostResources} as the
 * {@link WireTap}; off unless it does.
 *
 * <p>The body is masked before anything is written: a SOAP envelope or a JSON body as text, with the masked fields'
 * values masked where they appear as elements or members (WS-Security's {@code Password} too), also when the copy was
 * cut at {@code maxBytes}; a net.tcp frame's CBOR payload decoded to JSON and masked as a tree. Other bodies are
 * described by their type and size only. Headers are never written. Thread-safe.
 *
 * <p>Line fields: {@code time}, {@code level}, {@code service}, {@code endpoint}, {@code binding}, {@code direction}
 * ({@code received} or {@code sent}), {@code message} (the wire's own description: method and path, status, frame type
 * and correlation id), {@code contentType}, {@code length}, {@code cut} (when only the first {@code maxBytes} were
 * kept) and {@code body}.
 */
public final class TransportMessageLog implements WireTap {
    private final MessageMasking masking;
    private final int maxBytes;
    private final Set<String> services;
    private final ObjectMapper json = DataContractMapper.json();
    private final ObjectMapper cbor = DataContractMapper.cbor();

    /**
     * @param maxBytes how much of each message is kept
     * @param services the services whose endpoints are logged; empty for every service
     */
    public TransportMessageLog(MessageMasking masking, int maxBytes, Set<String> services) {
        this.masking = Objects.requireNonNull(masking, "masking");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.services = Set.copyOf(services);
    }

    @Override
    public boolean isEnabled(EndpointInfo endpoint) {
        return (services.isEmpty() || services.contains(endpoint.service()))
                && MessageLog.loggerOf(endpoint.service()).isInfoEnabled();
    }

    @Override
    public int maxBytes() {
        return maxBytes;
    }

    @Override
    public void message(EndpointInfo endpoint, Direction direction, String kind, String contentType, byte[] payload, long length) {
        Logger logger = MessageLog.loggerOf(endpoint.service());
        try {
            ObjectNode line = json.createObjectNode();
            line.put("time", Instant.now().toString());
            line.put("level", "transport");
            line.put("service", endpoint.service());
            line.put("endpoint", endpoint.name());
            line.put("binding", endpoint.bindingType());
            line.put("direction", direction.name().toLowerCase(Locale.ROOT));
            line.put("message", kind);
            if (contentType != null) {
                line.put("contentType", contentType);
            }
            line.put("length", length);
            boolean cut = length > payload.length;
            if (cut) {
                line.put("cut", true);
            }
            line.set("body", body(contentType, payload, cut));
            logger.info(line.toString());
        } catch (RuntimeException e) {
            // the log must never break the exchange it describes
            LoggerFactory.getLogger(TransportMessageLog.class).warn("transport message log: could not write a line of {}: {}",
                    endpoint.name(), e.toString());
        }
    }

    private JsonNode body(String contentType, byte[] payload, boolean cut) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (payload.length == 0) {
            return json.getNodeFactory().textNode("");
        }
        if (type.startsWith("application/cbor")) {
            if (!cut) {
                try {
                    return masking.apply(cbor.readTree(payload));
                } catch (RuntimeException e) {
                    // not CBOR after all: described below
                }
            }
            return json.getNodeFactory().textNode("(" + payload.length + " bytes of CBOR" + (cut ? ", cut" : "") + ")");
        }
        if (type.contains("xml") || type.contains("json") || type.startsWith("text/")) {
            String text = new String(payload, charsetOf(type));
            if (type.contains("json") && !cut) {
                try {
                    return masking.apply(json.readTree(text));
                } catch (RuntimeException e) {
                    // malformed (a refused request, say): masked as text
                }
            }
            return json.getNodeFactory().textNode(masking.maskMessageText(text));
        }
        return json.getNodeFactory().textNode("(" + payload.length + " bytes of " + (type.isEmpty() ? "unknown type" : type) + ")");
    }

    private static Charset charsetOf(String contentType) {
        int i = contentType.indexOf("charset=");
        if (i >= 0) {
            String name = contentType.substring(i + 8).split("[;\\s]")[0].replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return "transport message log";
    }
}
