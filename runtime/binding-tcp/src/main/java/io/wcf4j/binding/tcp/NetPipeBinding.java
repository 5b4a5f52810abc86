package io.wcf4j.binding.tcp;

/** {@code net-pipe}: the framed binary protocol over a Unix domain socket ({@code net.pipe:///path/to/socket}), same machine only. */
public final class NetPipeBinding extends FramedBinding {
    public NetPipeBinding() {
        super("net-pipe", "net.pipe", Transport.PIPE);
    }
}
