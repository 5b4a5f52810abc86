package io.wcf4j.binding.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Sends, by hand, a REQUEST frame whose payload is not a call, and waits until the server answered it. */
final class MalformedCall {
    private MalformedCall() {
    }

    static void send(String address) throws IOException {
        send(address, null);
    }

    /** The same over TLS, when {@code tls} is given (net.tcp only). */
    static void send(String address, javax.net.ssl.SSLContext tls) throws IOException {
        URI uri = URI.create(address);
        boolean pipe = uri.getScheme().equals("net.pipe");
        try (SocketChannel ch = pipe || tls == null ? (pipe ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) : null;
             java.net.Socket socket = tls == null ? null : tls.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            java.io.OutputStream out;
            java.io.InputStream inStream;
            if (socket != null) {
                out = socket.getOutputStream();
                inStream = socket.getInputStream();
            } else {
                ch.connect(pipe ? UnixDomainSocketAddress.of(uri.getPath()) : new InetSocketAddress(uri.getHost(), uri.getPort()));
                out = java.nio.channels.Channels.newOutputStream(ch);
                inStream = java.nio.channels.Channels.newInputStream(ch);
            }
            out.write(new Preamble(1, 1, pipe ? "" : uri.getPath()).encode());
            byte[] payload = {0x01}; // the CBOR number 1, not [operationName, args...]
            ByteBuffer frame = ByteBuffer.allocate(4 + 12 + payload.length);
            frame.putInt(12 + payload.length).put((byte) FrameType.REQUEST.code).put((byte) 0).putLong(1).putShort((short) 0)
                    .put(payload).flip();
            out.write(frame.array());
            out.flush();
            // the acknowledgement of the preamble, then the FAULT for the call: read until both arrived
            ByteBuffer in = ByteBuffer.allocate(4096);
            byte[] chunk = new byte[4096];
            int frames = 0;
            long until = System.nanoTime() + 5_000_000_000L;
            if (socket != null) {
                socket.setSoTimeout(5000);
            }
            while (frames < 2 && System.nanoTime() < until) {
                int n = inStream.read(chunk, 0, Math.min(chunk.length, in.remaining()));
                if (n < 0) {
                    break;
                }
                in.put(chunk, 0, n);
                frames = countFrames(in);
            }
        }
    }

    private static int countFrames(ByteBuffer in) {
        int n = 0;
        int pos = 0;
        while (pos + 4 <= in.position()) {
            int length = in.getInt(pos);
            if (pos + 4 + length > in.position()) {
                break;
            }
            pos += 4 + length;
            n++;
        }
        return n;
    }
}
