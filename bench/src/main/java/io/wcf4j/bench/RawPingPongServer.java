package io.wcf4j.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The physical floor: a blocking Java socket server, a thread per connection, that reads a request of the
 * size the client announces and answers with as many bytes as it asks for. Run in its own JVM:
 * {@code RawPingPongServer <tcp-port> <unix-socket-path>}.
 *
 * <p>Message: 4 bytes request length R (the whole message), 4 bytes reply length A, R - 8 bytes of padding;
 * the reply is A bytes.
 */
public final class RawPingPongServer {
    public static void main(String[] args) throws Exception {
        ServerSocketChannel tcp = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        Path socket = Path.of(args[1]);
        Files.deleteIfExists(socket);
        ServerSocketChannel uds = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        for (ServerSocketChannel server : new ServerSocketChannel[] {tcp, uds}) {
            Thread t = new Thread(() -> accept(server), "accept");
            t.setDaemon(true);
            t.start();
        }
        System.out.println("raw ping-pong ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void accept(ServerSocketChannel server) {
        while (true) {
            try {
                SocketChannel c = server.accept();
                if (c.getRemoteAddress() instanceof InetSocketAddress) {
                    c.socket().setTcpNoDelay(true);
                }
                Thread t = new Thread(() -> serve(c), "conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(SocketChannel c) {
        try (c; DataInputStream in = new DataInputStream(Channels.newInputStream(c));
             DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c))) {
            byte[] reply = new byte[0];
            byte[] buf = new byte[64 * 1024];
            while (true) {
                int requestLength = in.readInt();
                int replyLength = in.readInt();
                in.readFully(buf, 0, requestLength - 8);
                if (reply.length != replyLength) {
                    reply = new byte[replyLength];
                }
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // client gone
        }
    }
}
