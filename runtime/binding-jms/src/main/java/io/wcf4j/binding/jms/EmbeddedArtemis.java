package io.wcf4j.binding.jms;

import io.netty.util.concurrent.FastThreadLocal;
import io.wcf4j.spi.HealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Artemis broker inside the host's JVM: persistent journal in a directory of its own, an in-VM acceptor
 * for the host's endpoints and, unless disabled, a TCP acceptor so that other processes can be clients.
 *
 * <p>Secured: every connection authenticates, in-VM ones too. The host's own endpoints (and code in its JVM, through
 * {@link #connectionFactory()}) connect as an internal user whose password is made at start and never leaves the
 * JVM; other processes connect as the one client account the configuration names ({@code embedded-user},
 * {@code embedded-password}), which may send and consume (its replies arrive on temporary queues) but neither
 * create or delete durable queues nor manage the broker. No account: no other process gets in. Each address holds at most {@code embedded-max-address-size} of messages and
 * the journal's disk at most {@value #MAX_DISK_USAGE_PERCENT} % full; beyond that senders are refused (FAIL), so a
 * flood can fill neither the heap nor the disk.
 * A {@code soap-jms} endpoint with no {@code url} starts one per set of host resources, which stops when they
 * close, after the endpoints that use it. Tests and applications may also start one themselves, to keep a
 * broker running while services stop and start.
 *
 * @since 0.1
 */
public final class EmbeddedArtemis implements AutoCloseable, HealthCheck {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedArtemis.class);
    private static final AtomicInteger VM_IDS = new AtomicInteger(100);
    /** The host's own user; its password is made at each start. */
    static final String HOST_USER = "wcf4j-host";
    static final String HOST_ROLE = "wcf4j-host";
    static final String CLIENT_ROLE = "wcf4j-client";
    static final int MAX_DISK_USAGE_PERCENT = 95;
    private static final Map<String, EmbeddedArtemis> RUNNING = new ConcurrentHashMap<>();
    /** The broker of this JVM that clients with no {@code url} use, if one runs. */
    private static volatile EmbeddedArtemis current;

    private final EmbeddedActiveMQ server;
    private final String inVmUrl;
    private final String acceptor;
    private final String hostPassword;

    private EmbeddedArtemis(EmbeddedActiveMQ server, String inVmUrl, String acceptor, String hostPassword) {
        this.server = server;
        this.inVmUrl = inVmUrl;
        this.acceptor = acceptor;
        this.hostPassword = hostPassword;
    }

    /**
     * Starts a broker.
     *
     * @param dataDirectory where the journal, bindings, paging and large messages live
     * @param tcpAcceptor   e.g. {@code tcp://127.0.0.1:61616}, or {@code none} for in-VM only
     */
    public static EmbeddedArtemis start(Path dataDirectory, String tcpAcceptor) {
        return start(dataDirectory, tcpAcceptor, null, null, DEFAULT_MAX_ADDRESS_SIZE);
    }

    /** The default {@code embedded-max-address-size}. */
    public static final long DEFAULT_MAX_ADDRESS_SIZE = 64L * 1024 * 1024;

    /**
     * Starts a broker with a client account for other processes.
     *
     * @param clientUser      the account other processes connect with, or null for none
     * @param clientPassword  its password
     * @param maxAddressSize  the most bytes of messages one address holds before senders are refused
     */
    public static EmbeddedArtemis start(Path dataDirectory, String tcpAcceptor, String clientUser, String clientPassword,
                                        long maxAddressSize) {
        long t0 = System.nanoTime();
        int vmId = VM_IDS.incrementAndGet();
        try {
            Files.createDirectories(dataDirectory);
            Configuration config = new ConfigurationImpl()
                    .setName("wcf4j-embedded-" + vmId)
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(true)
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
                    // with the FAIL policy below a full disk refuses senders at once, rather than stalling them
                    .setMaxDiskUsage(MAX_DISK_USAGE_PERCENT);
            // wcf4j counts attempts and dead-letters by itself; the broker must never drop a message after its own
            // count of rollbacks (a host stopping rolls back the message in hand). The addresses below are named
            // only so that the broker does not warn about their absence; nothing is bound to them.
            config.addAddressSetting("#", new AddressSettings()
                    .setMaxSizeBytes(maxAddressSize)
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL)
                    .setMaxDeliveryAttempts(-1)
                    .setDeadLetterAddress(SimpleString.of("DLQ"))
                    .setExpiryAddress(SimpleString.of("ExpiryQueue")));
            // a dead-letter queue is where a message is parked when nothing else can take it: past its share of memory
            // it pages to disk (bounded by the disk limit above) instead of refusing, which would leave each bad
            // message on its request queue, redelivered without end and its caller unanswered (found by fuzzing)
            AddressSettings parking = new AddressSettings()
                    .setMaxSizeBytes(maxAddressSize)
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                    .setMaxDeliveryAttempts(-1);
            config.addAddressSetting("DLQ", parking);
            config.addAddressSetting("DLQ.#", parking);
            config.addAcceptorConfiguration("in-vm", "vm://" + vmId);
            if (!"none".equals(tcpAcceptor)) {
                config.addAcceptorConfiguration("tcp", tcpAcceptor);
            }
            // name, send, consume, create/delete durable queue, create/delete non-durable queue, manage, browse,
            // create/delete address: the host does its work; a client sends and uses its temporary reply queues
            config.putSecurityRoles("#", Set.of(
                    new Role(HOST_ROLE, true, true, true, false, true, true, false, true, true, false),
                    new Role(CLIENT_ROLE, true, true, false, false, true, true, false, false, true, false)));
            String hostPassword = newPassword();
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(HOST_USER, hostPassword);
            users.addRole(HOST_USER, HOST_ROLE);
            if (clientUser != null && !clientUser.isEmpty()) {
                if (clientUser.equals(HOST_USER) || clientPassword == null || clientPassword.isEmpty()) {
                    throw new IllegalArgumentException("the broker's client account needs a name other than " + HOST_USER
                            + " and a password (embedded-user, embedded-password)");
                }
                users.addUser(clientUser, clientPassword);
                users.addRole(clientUser, CLIENT_ROLE);
            }
            EmbeddedActiveMQ server = new EmbeddedActiveMQ();
            server.setConfiguration(config);
            server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
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
            EmbeddedArtemis broker = new EmbeddedArtemis(server, "vm://" + vmId, tcpAcceptor, hostPassword);
            current = broker;
            RUNNING.put(broker.inVmUrl, broker);
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

    /** Up while the broker is active, its journal started and every acceptor listening. */
    @Override
    public String healthName() {
        return "broker";
    }

    @Override
    public Report checkHealth() {
        var broker = server.getActiveMQServer();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("acceptor", acceptor);
        if (broker == null || !broker.isActive()) {
            details.put("error", "the broker is not running");
            return Report.down(details);
        }
        boolean journal = broker.getStorageManager() != null && broker.getStorageManager().isStarted();
        details.put("journal", journal ? "started" : "stopped");
        List<String> stopped = new ArrayList<>();
        if (broker.getRemotingService() != null) {
            broker.getRemotingService().getAcceptors().forEach((name, a) -> {
                if (!a.isStarted()) {
                    stopped.add(name);
                }
            });
        }
        if (!stopped.isEmpty()) {
            details.put("stoppedAcceptors", stopped);
        }
        return journal && stopped.isEmpty() ? Report.up(details) : Report.down(details);
    }

    /** The messages in a queue of this broker now: 0 for a queue it does not have, -1 while it is not running. */
    public long messageCount(String queue) {
        var broker = server.getActiveMQServer();
        if (broker == null || !broker.isActive()) {
            return -1;
        }
        var q = broker.locateQueue(queue);
        return q == null ? 0 : q.getMessageCount();
    }

    /** The broker itself, for tests that stop and start it under a running host. */
    org.apache.activemq.artemis.core.server.ActiveMQServer server() {
        return server.getActiveMQServer();
    }

    /** The URL the host's own endpoints connect with (in-VM, no socket). */
    public String inVmUrl() {
        return inVmUrl;
    }

    /** A connection factory for code in this JVM: in-VM, as the host's own user. */
    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(inVmUrl, HOST_USER, hostPassword);
    }

    /** The running embedded broker of this JVM that an in-VM URL names, or null. */
    static EmbeddedArtemis byInVmUrl(String url) {
        return RUNNING.get(url);
    }

    private static String newPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
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
        RUNNING.remove(inVmUrl, this);
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
