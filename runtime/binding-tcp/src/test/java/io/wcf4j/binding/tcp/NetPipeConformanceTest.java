package io.wcf4j.binding.tcp;

import io.wcf4j.conformance.AbstractBindingConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** net.pipe passes the same suite: the TCP tests rerun over a Unix domain socket address. */
class NetPipeConformanceTest extends AbstractBindingConformanceTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("wcf4j-pipe");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String bindingType() {
        return "net-pipe";
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "net.pipe://" + DIR.resolve(serviceName + ".sock");
    }

    @Override
    protected String unreachableAddress() {
        return "net.pipe://" + DIR.resolve("nobody.sock");
    }

    /** The kernel names the peer process's user (SO_PEERCRED): here, the test's own. */
    @Override
    protected String transportPrincipal() {
        return "unix:" + System.getProperty("user.name");
    }

    @Override
    protected boolean supportsDuplex() {
        return true;
    }

    @Override
    protected boolean supportsCancellation() {
        return true;
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        MalformedCall.send(clientAddress);
    }
}
