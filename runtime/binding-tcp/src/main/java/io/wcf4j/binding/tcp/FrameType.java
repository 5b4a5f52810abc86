package io.wcf4j.binding.tcp;

/** The frame types of the wire format (docs/tcp-framing.md). */
enum FrameType {
    REQUEST(0x01), ONE_WAY(0x02), REPLY(0x03), FAULT(0x04), CALLBACK(0x05), CANCEL(0x06), PING(0x07),
    METADATA(0x08), CLOSE(0x09), PREAMBLE_ACK(0x0B), CREDENTIALS(0x0C);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The type of a code, or null for an unknown one. */
    static FrameType of(int code) {
        return BY_CODE[code & 0xFF];
    }
}
