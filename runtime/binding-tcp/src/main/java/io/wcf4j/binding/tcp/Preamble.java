package io.wcf4j.binding.tcp;

import java.nio.charset.StandardCharsets;

/** The connection preamble (docs/tcp-framing.md, section 1). */
record Preamble(int version, int encoding, String path) {
    static final byte[] MAGIC = {'W', 'C', 'F', '4'};
    /** The version this side speaks: 2 acknowledges one-way calls and one-way callbacks. */
    static final int VERSION = 2;
    /** The oldest version a server still serves: 1, whose one-way calls are not acknowledged. */
    static final int MIN_VERSION = 1;
    static final int ENCODING_CBOR = 1;
    static final int MAX_PATH = 1024;

    byte[] encode() {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + p.length];
        System.arraycopy(MAGIC, 0, out, 0, 4);
        out[4] = (byte) version;
        out[5] = (byte) encoding;
        out[6] = (byte) (p.length >>> 8);
        out[7] = (byte) p.length;
        System.arraycopy(p, 0, out, 8, p.length);
        return out;
    }
}
