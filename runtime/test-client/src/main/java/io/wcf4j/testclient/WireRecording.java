package io.wcf4j.testclient;

import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * What one test-client call sent and received, as the binding's client put it on the wire: a SOAP envelope, a JSON
 * body, a frame's CBOR payload (shown as JSON, since CBOR bytes say nothing to a reader), a gRPC message in protobuf's
 * JSON form. Bounded: at most {@link #MAX_BYTES} of each message and {@link #MAX_MESSAGES} messages. Headers are not
 * recorded (they carry the credential); SOAP bindings mask WS-Security passwords before the tap sees them.
 */
final class WireRecording implements WireTap {
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_MESSAGES = 16;
    private static final ObjectMapper CBOR = DataContractMapper.cbor();
    private static final ObjectMapper JSON = DataContractMapper.json().rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One message: which way, what the wire calls it, its media type, its text and whole length (-1: unknown). */
    record Message(Direction direction, String kind, String contentType, String text, long length) {
    }

    private final List<Message> messages = new ArrayList<>();

    @Override
    public boolean isEnabled(EndpointInfo endpoint) {
        return true;
    }

    @Override
    public int maxBytes() {
        return MAX_BYTES;
    }

    @Override
    public void message(EndpointInfo endpoint, Direction direction, String kind, String contentType, byte[] payload, long length) {
        Message m = new Message(direction, kind, contentType, text(contentType, payload, length), length);
        synchronized (messages) {
            if (messages.size() < MAX_MESSAGES) {
                messages.add(m);
            }
        }
    }

    List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    private static String text(String contentType, byte[] payload, long length) {
        if (contentType != null && contentType.startsWith("application/cbor") && payload.length == length) {
            try {
                return JSON.writeValueAsString(CBOR.readTree(payload));
            } catch (JacksonException e) {
                return "(" + payload.length + " bytes of CBOR that do not decode: " + e.getOriginalMessage() + ")";
            }
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        return length > payload.length ? text + "\n… (" + length + " bytes in all)" : text;
    }
}
