package io.wcf4j.binding.tcp;

/** {@code net-tcp}: the framed binary protocol over TCP ({@code net.tcp://host:port/path}). */
public final class NetTcpBinding extends FramedBinding {
    public NetTcpBinding() {
        super("net-tcp", "net.tcp", Transport.TCP);
    }
}
