package io.wcf4j.binding.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A raw connection that speaks the wire format by hand, as docs/tcp-framing.md describes it. */
final class RawConnection implements AutoCloseable {
    final Socket socket = new Socket();
    final OutputStream out;
    final DataInputStream in;

    RawConnection(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** A version 1 preamble, as the first independent clients wrote it. */
    void preamble(String path) throws IOException {
        preamble(1, path);
    }

    void preamble(int version, String path) throws IOException {
        out.write(new Preamble(version, 1, path).encode());
        out.flush();
    }

    void frame(int type, long id, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 12 + payload.length);
        b.putInt(12 + payload.length).put((byte) type).put((byte) 0).putLong(id).putShort((short) 0).put(payload);
        out.write(b.array());
        out.flush();
    }

    /** A frame with headers. */
    void frame(int type, long id, Map<String, String> headers, byte[] payload) throws IOException {
        out.write(encode(type, id, headers, payload));
        out.flush();
    }

    /** Several frames in one write, so that the server reads them together. */
    void frames(byte[]... encoded) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] e : encoded) {
            all.write(e);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    static byte[] encode(int type, long id, Map<String, String> headers, byte[] payload) throws IOException {
        java.io.ByteArrayOutputStream h = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            h.write(k.length);
            h.write(k);
            h.write(v.length >>> 8);
            h.write(v.length);
            h.write(v);
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 12 + h.size() + payload.length);
        b.putInt(12 + h.size() + payload.length).put((byte) type).put((byte) 0).putLong(id)
                .putShort((short) headers.size()).put(h.toByteArray()).put(payload);
        return b.array();
    }

    Frame read() throws IOException {
        int length = in.readInt();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        long id = in.readLong();
        int headers = in.readUnsignedShort();
        assertThat(headers).isZero();
        byte[] payload = new byte[length - 12];
        in.readFully(payload);
        return new Frame(type, flags, id, Map.of(), payload);
    }

    /** Reads frames until one that is not the preamble acknowledgement. */
    Frame readAnswer() throws IOException {
        Frame f = read();
        return f.type() == FrameType.PREAMBLE_ACK ? read() : f;
    }

    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
