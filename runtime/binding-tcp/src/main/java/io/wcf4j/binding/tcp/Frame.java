package io.wcf4j.binding.tcp;

import java.util.Map;

/**
 * One frame: type, flags, correlation id, headers and the CBOR payload (docs/tcp-framing.md, section 2).
 *
 * @param typeCode the raw type byte (kept so that an unknown type can be answered)
 */
record Frame(int typeCode, int flags, long correlationId, Map<String, String> headers, byte[] payload) {
    static final int FLAG_RESPONSE = 0x01;
    static final byte[] EMPTY = new byte[0];

    static Frame of(FrameType type, long correlationId, byte[] payload) {
        return new Frame(type.code, 0, correlationId, Map.of(), payload);
    }

    static Frame of(FrameType type, long correlationId, Map<String, String> headers, byte[] payload) {
        return new Frame(type.code, 0, correlationId, headers, payload);
    }

    Frame response(byte[] responsePayload) {
        return new Frame(typeCode, FLAG_RESPONSE, correlationId, Map.of(), responsePayload);
    }

    FrameType type() {
        return FrameType.of(typeCode);
    }

    boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }
}
