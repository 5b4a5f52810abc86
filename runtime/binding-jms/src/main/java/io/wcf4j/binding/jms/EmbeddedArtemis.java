package io.wcf4j.binding.jms;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Artemis broker inside the host's JVM: persistent journal in a directory of its own, an in-VM acceptor
 * for the host's endpoints and, unless disabled, a TCP acceptor so that other processes can be clients.
 * A {@code soap-jms} endpoint with no {@code url} starts one per set of host resources, which stops when they
 * close, after the endpoints that use it. Tests and applications may also start one themselves, to keep a
 * broker running while services stop and start.
 *
 * @since 0.1
 */
public final class EmbeddedArtemis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedArtemis.class);
    private static final AtomicInteger VM_IDS = new AtomicInteger(100);
    /** The broker of this JVM that clients with no {@code url} use, if one runs. */
    private static volatile EmbeddedArtemis current;

    private final EmbeddedActiveMQ server;
    private final String inVmUrl;
    private final String acceptor;

    private EmbeddedArtemis(EmbeddedActiveMQ server, String inVmUrl, String acceptor) {
        this.server = server;
        this.inVmUrl = inVmUrl;
        this.acceptor = acceptor;
    }

    /**
     * Starts a broker.
     *
     * @param dataDirectory where the journal, bindings, paging and large messages live
     * @param tcpAcceptor   e.g. {@code tcp://127.0.0.1:61616}, or {@code none} for in-VM only
     */
    public static EmbeddedArtemis start(Path dataDirectory, String tcpAcceptor) {
        long t0 = System.nanoTime();
        int vmId = VM_IDS.incrementAndGet();
        try {
            Files.createDirectories(dataDirectory);
            Configuration config = new ConfigurationImpl()
                    .setName("wcf4j-embedded-" + vmId)
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(false)
                    .setJMXManagementEnabled(false)
                    .setJournalType(JournalType.NIO)
                    .setJournalDirectory(dataDirectory.resolve("journal").toString())
                    .setBindingsDirectory(dataDirectory.resolve("bindings").toString())
                    .setLargeMessagesDirectory(dataDirectory.resolve("large-messages").toString())
                    .setPagingDirectory(dataDirectory.resolve("paging").toString())
                    // small journal files: a development broker should not take 100 MB of disk before its first message
                    .setJournalFileSize(1024 * 1024)
                    .setJournalMinFiles(2)
                    .setJournalPoolFiles(4)
                    // the default (block producers above 90 % disk use) stalls a developer's nearly full disk silently
                    .setMaxDiskUsage(-1);
            // wcf4j counts attempts and dead-letters by itself; the broker must never drop a message after its own
            // count of rollbacks (a host stopping rolls back the message in hand). The addresses below are named
            // only so that the broker does not warn about their absence; nothing is bound to them.
            config.addAddressSetting("#", new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setDeadLetterAddress(SimpleString.of("DLQ"))
                    .setExpiryAddress(SimpleString.of("ExpiryQueue")));
            config.addAcceptorConfiguration("in-vm", "vm://" + vmId);
            if (!"none".equals(tcpAcceptor)) {
                config.addAcceptorConfiguration("tcp", tcpAcceptor);
            }
            EmbeddedActiveMQ server = new EmbeddedActiveMQ();
            server.setConfiguration(config);
            try {
                server.start();
            } catch (Exception e) {
                // a half-started broker would keep its journal lock and threads
                try {
                    server.stop();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            EmbeddedArtemis broker = new EmbeddedArtemis(server, "vm://" + vmId, tcpAcceptor);
            current = broker;
            FastThreadLocal.removeAll(); // the calling thread may be a servlet container's
            log.info("embedded Artemis broker started in {} ms: data {}, acceptor {}",
                    (System.nanoTime() - t0) / 1_000_000, dataDirectory.toAbsolutePath(), tcpAcceptor);
            return broker;
        } catch (Exception e) {
            FastThreadLocal.removeAll();
            throw new IllegalStateException("embedded Artemis broker could not start (data " + dataDirectory
                    + ", acceptor " + tcpAcceptor + "): " + e.getMessage(), e);
        }
    }

    /** The URL the host's own endpoints connect with (in-VM, no socket). */
    public String inVmUrl() {
        return inVmUrl;
    }

    /** The broker started last in this JVM and still running, or null. */
    public static EmbeddedArtemis current() {
        return current;
    }

    @Override
    public void close() {
        if (current == this) {
            current = null;
        }
        try {
            server.stop();
            log.info("embedded Artemis broker stopped ({})", acceptor);
        } catch (Exception e) {
            log.warn("stopping the embedded Artemis broker failed", e);
        } finally {
            FastThreadLocal.removeAll();
        }
    }
}
