package io.wcf4j.bench;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ClientCredentials;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.TransferRequest;
import io.wcf4j.spi.ClientBehavior;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.ObjectMapper;

/**
 * The benchmark harness: every binding of the console host next to the raw mechanism underneath, in one run,
 * each server in its own JVM, this JVM the client. Scenarios: sequential {@code getAccount} latency, its
 * throughput at 1/4/16/64 callers, one-way {@code submitTransfer} until applied, {@code transfer} (database
 * writes), and the largest payload the ledger contract allows. Writes {@code bench/results/REPORT.md} and PNG
 * charts. Any error fails the run: no number is reported for a scenario that did not complete.
 *
 * <p>Usage: {@code bench/run.sh [--quick | --smoke]} from the repository root.
 */
public final class Bench {
    static final int[] CONCURRENCY = {1, 4, 16, 64};

    /**
     * How many calls each scenario makes. {@code --smoke} is CI's check that every scenario completes on every binding
     * (its figures are too few to read); {@code --quick} gives rough figures; the default, the reported ones.
     */
    record Mode(String flag, int warmup, int sequential, int perLevel, int oneWay, int transfers, int payloads, int startups,
                int newConnections) {
        static Mode of(List<String> args) {
            if (args.contains("--smoke")) {
                return new Mode("--smoke", 100, 300, 200, 200, 100, 10, 1, 3);
            }
            if (args.contains("--quick")) {
                return new Mode("--quick", 1_000, 2_000, 1_500, 1_000, 500, 50, 1, 10);
            }
            return new Mode("", 5_000, 20_000, 10_000, 5_000, 3_000, 300, 3, 50);
        }

        boolean full() {
            return flag.isEmpty();
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Mode mode = Mode.of(List.of(args));
        Path root = Path.of("").toAbsolutePath();
        Path jar = root.resolve("hosts/console/target/wcf4j-console-host.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build first: " + jar + " is missing (bench/run.sh does it)");
        }
        Path out = root.resolve("bench/results");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("wcf4j-bench");
        Servers servers = new Servers(work, jar);
        Results results = new Results(mode);
        List<Target> targets = new ArrayList<>();
        try {
            // start-up: launch to every endpoint listening, and RSS once started (the first start serves the run)
            for (int i = 0; i < mode.startups(); i++) {
                results.startups.add(servers.startConsoleHost(i == mode.startups() - 1));
            }
            servers.startBaselines();
            targets.addAll(setUpTargets(servers));
            targets.addAll(setUpObservabilityTargets(servers));
            targets.addAll(setUpInMemoryOneWayTargets(servers));
            runScenarios(targets, mode, results);
            results.newConnectionMs.putAll(newConnectionMillis(servers, mode.newConnections()));
            results.peakRssKb.put("console host (all bindings, embedded broker)", Proc.statusKb(servers.host.pid(), "VmHWM"));
            results.peakRssKb.put("plain CXF + Jersey + Artemis", Proc.statusKb(servers.plain.pid(), "VmHWM"));
            results.peakRssKb.put("gRPC server (grpc-netty-shaded)", Proc.statusKb(servers.grpc.pid(), "VmHWM"));
            results.peakRssKb.put("gRPC server (grpc-netty)", Proc.statusKb(servers.grpcNetty.pid(), "VmHWM"));
            results.hostClasses.putAll(Proc.loadedClasses(servers.host.pid(), "io.grpc.netty.shaded."));
            servers.checkAlive();
            for (Target t : targets) {
                t.close();
            }
            Report.write(results, out);
            System.out.println("wrote " + out.resolve("REPORT.md"));
        } finally {
            servers.close();
        }
    }

    private static List<Target> setUpTargets(Servers s) throws Exception {
        ObjectMapper cbor = DataContractMapper.cbor();
        List<Target> targets = new ArrayList<>();
        // the sample lets nobody in anonymously: every row calls as the demo teller, as a real client would
        ClientBehavior teller = ClientCredentials.userName("teller", "teller-password".toCharArray());
        ChannelFactory<Ledger> tcpFactory = ChannelFactory.builder(Ledger.class).address("net.tcp://127.0.0.1:" + s.tcpPort + "/ledger")
                .binding(BindingConfig.of("net-tcp")).behavior(teller).build();
        Ledger checker = tcpFactory.createChannel();
        long from = checker.openAccount("bench-from", new BigDecimal("100000000.00")).getId();
        long to = checker.openAccount("bench-to", new BigDecimal("0.00")).getId();
        Account account = checker.getAccount(from);
        // the statement account: 1,000 entries, the largest reply the ledger contract gives
        long statement = checker.openAccount("bench-statement", new BigDecimal("0.00")).getId();
        for (int i = 0; i < 1000; i++) {
            checker.transfer(new TransferRequest(UUID.randomUUID().toString(), from, statement, Targets.CENT));
        }
        // raw baselines move as many bytes as net.tcp does for getAccount: frame header, deadline header, CBOR
        int requestBytes = 16 + (1 + 8 + 2 + 5) + cbor.writeValueAsBytes(new Object[] {"getAccount", from}).length;
        int replyBytes = 16 + cbor.writeValueAsBytes(account).length;
        targets.add(Targets.rawSocket("raw TCP socket", s.raw.pid(), () -> Targets.tcp(s.rawPort), requestBytes, replyBytes));
        targets.add(Targets.rawSocket("raw Unix socket", s.raw.pid(), () -> Targets.uds(s.rawSocket), requestBytes, replyBytes));
        targets.add(Targets.grpc(GrpcBaseline.Transport.SHADED, s.grpc.pid(), s.grpcPort, requestBytes, replyBytes));
        targets.add(Targets.grpc(GrpcBaseline.Transport.NETTY, s.grpcNetty.pid(), s.grpcNettyPort, requestBytes, replyBytes));
        targets.add(Targets.plainCxf(s.plain.pid(), "http://127.0.0.1:" + s.plainHttpPort + "/cxf/ledger", s.plainFrom, s.plainTo, s.plainFrom));
        targets.add(Targets.plainJersey(s.plain.pid(), "http://127.0.0.1:" + s.plainHttpPort + "/jersey/ledger", s.plainFrom, s.plainTo, s.plainFrom));
        // a SOAP envelope of submitTransfer is about 450 bytes; the raw one-way message carries as many
        targets.add(Targets.rawArtemis(s.plain.pid(), "tcp://127.0.0.1:" + s.plainJmsPort, requestBytes, replyBytes, 450));

        String ca = s.data.resolve("pki/ca.pem").toString();
        List<Row> rows = List.of(
                new Row("net.tcp", "net.tcp://127.0.0.1:" + s.tcpPort + "/ledger", "net-tcp", "raw TCP socket", Map.of(), teller),
                new Row("net.pipe", "net.pipe://" + s.data.resolve("ledger.sock"), "net-pipe", "raw Unix socket", Map.of(), teller),
                new Row("SOAP 1.1/HTTP", "http://127.0.0.1:" + s.httpPort + "/services/ledger", "soap-http", "plain CXF", Map.of(), teller),
                new Row("REST/JSON", "http://127.0.0.1:" + s.httpPort + "/api/ledger", "rest-json", "plain Jersey", Map.of(), teller),
                // gRPC from the same contract (issue 19) against grpc-java's own unary calls of raw bytes
                new Row(GRPC, "grpc://127.0.0.1:" + s.wcf4jGrpcPort, "grpc", "gRPC-java unary", Map.of(), teller),
                // the teller's UsernameToken (PasswordDigest) in every message, as the sample's queue requires
                new Row("SOAP/JMS", "jms:queue:ledger", "soap-jms", "raw Artemis JMS", Map.of("url", "tcp://127.0.0.1:" + s.jmsPort,
                        "user", "ledger-client", "password", "ledger-client-password", "security-mode", "message",
                        "message-credential", "username-digest"), teller),
                // security (issue 13): each against the same binding without it
                new Row(TCP_TLS, "net.tcp://localhost:" + s.tcpTlsPort + "/ledger", "net-tcp", "net.tcp",
                        Map.of("security-mode", "transport", "tls-trust", ca), teller),
                new Row(SOAP_WSS, "https://localhost:" + s.httpsPort + "/services/ledger-wss", "soap-http", "SOAP 1.1/HTTP",
                        Map.of("security-mode", "transport-with-message-credential", "tls-trust", ca), teller),
                new Row(SOAP_X509, "http://127.0.0.1:" + s.httpPort + "/services/ledger-x509", "soap-http", "SOAP 1.1/HTTP",
                        x509(s.data.resolve("pki"), "teller"), null),
                new Row(REST_JWT, "http://127.0.0.1:" + s.httpPort + "/api/ledger", "rest-json", "REST/JSON", Map.of(),
                        ClientCredentials.bearer(DevelopmentTokens.mint(s.data.resolve("pki/jwt-signing-key.json"), "teller"))));
        for (Row row : rows) {
            ChannelFactory.Builder<Ledger> b = ChannelFactory.builder(Ledger.class).address(row.address())
                    .binding(BindingConfig.of(row.type(), row.settings()));
            if (row.credentials() != null) {
                b.behavior(row.credentials());
            }
            ChannelFactory<Ledger> f = b.build();
            long oneWayTo = checker.openAccount("bench-oneway-" + row.name(), new BigDecimal("0.00")).getId();
            targets.add(Targets.binding(row.name(), row.baseline(), s.host.pid(), f, new Targets.Accounts(from, to, oneWayTo, statement), checker));
        }
        return targets;
    }

    /** The row of the console host's gRPC endpoint. */
    static final String GRPC = "gRPC (wcf4j)";

    /** The host configurations the observability rows compare: the main host has metrics on, tracing and message log off. */
    static final String OFF = ", observability off";
    static final String TRACED = ", tracing 100%";
    static final String LOGGED = ", message log on";

    /**
     * Three more console hosts, the same but for their observability: everything off (no metrics, no operator view),
     * tracing at 100 % sampling exporting over OTLP/HTTP to a sink in this process, and the service-level message log
     * writing its file. Each serves net.tcp and SOAP rows that measure latency and throughput only.
     */
    private static List<Target> setUpObservabilityTargets(Servers s) throws Exception {
        ClientBehavior teller = ClientCredentials.userName("teller", "teller-password".toCharArray());
        List<Target> targets = new ArrayList<>();
        Map<String, List<String>> configurations = new LinkedHashMap<>();
        configurations.put(OFF, List.of("--wcf4j.metrics.enabled=false", "--wcf4j.operator-view.enabled=false"));
        configurations.put(TRACED, List.of("--wcf4j.tracing.enabled=true", "--wcf4j.tracing.sampling=1.0",
                "--wcf4j.tracing.otlp-endpoint=http://127.0.0.1:" + s.startTraceSink() + "/v1/traces"));
        configurations.put(LOGGED, List.of("--wcf4j.message-logging.enabled=true"));
        for (Map.Entry<String, List<String>> c : configurations.entrySet()) {
            Servers.Host h = s.startExtraHost(c.getKey(), c.getValue());
            String baseline = c.getKey().equals(OFF) ? null : "%s" + OFF;
            ChannelFactory<Ledger> tcp = ChannelFactory.builder(Ledger.class).address("net.tcp://127.0.0.1:" + h.tcpPort() + "/ledger")
                    .binding(BindingConfig.of("net-tcp")).behavior(teller).build();
            long account = tcp.createChannel().openAccount("bench-observed", new BigDecimal("1.00")).getId();
            targets.add(Targets.lookupOnly("net.tcp" + c.getKey(), baseline == null ? null : String.format(baseline, "net.tcp"),
                    h.process().pid(), tcp, account));
            ChannelFactory<Ledger> soap = ChannelFactory.builder(Ledger.class)
                    .address("http://127.0.0.1:" + h.httpPort() + "/services/ledger").binding(BindingConfig.of("soap-http"))
                    .behavior(teller).build();
            targets.add(Targets.lookupOnly("SOAP 1.1/HTTP" + c.getKey(), baseline == null ? null : String.format(baseline, "SOAP 1.1/HTTP"),
                    h.process().pid(), soap, account));
        }
        return targets;
    }

    /** The rows of one-way calls over HTTP kept in memory after the 202, as before the sample journaled them. */
    static final String IN_MEMORY = ", one-way in memory";

    /**
     * One more console host, the same but for its default behavior: no {@code one-way-journal}, so that one-way calls
     * over HTTP wait in memory after their 202. Its REST and SOAP rows measure one-way calls only, beside the main
     * host's durable ones.
     */
    private static List<Target> setUpInMemoryOneWayTargets(Servers s) throws Exception {
        String shipped = Files.readString(Path.of("config/wcf4j.yml"));
        if (!shipped.contains("one-way-journal: jms")) {
            throw new IllegalStateException("the shipped configuration no longer journals one-way calls: update the bench");
        }
        Path config = s.work.resolve("wcf4j-in-memory-one-way.yml");
        Files.writeString(config, shipped.replace("one-way-journal: jms", ""));
        Servers.Host h = s.startExtraHost(IN_MEMORY, List.of("--wcf4j.config-location=" + config));
        ClientBehavior teller = ClientCredentials.userName("teller", "teller-password".toCharArray());
        ChannelFactory<Ledger> tcp = ChannelFactory.builder(Ledger.class).address("net.tcp://127.0.0.1:" + h.tcpPort() + "/ledger")
                .binding(BindingConfig.of("net-tcp")).behavior(teller).build();
        Ledger checker = tcp.createChannel();
        long from = checker.openAccount("bench-in-memory-from", new BigDecimal("100000000.00")).getId();
        List<Target> targets = new ArrayList<>();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("REST/JSON", "http://127.0.0.1:" + h.httpPort() + "/api/ledger|rest-json");
        rows.put("SOAP 1.1/HTTP", "http://127.0.0.1:" + h.httpPort() + "/services/ledger|soap-http");
        for (Map.Entry<String, String> row : rows.entrySet()) {
            String[] at = row.getValue().split("\\|");
            long to = checker.openAccount("bench-in-memory-" + at[1], new BigDecimal("0.00")).getId();
            ChannelFactory<Ledger> f = ChannelFactory.builder(Ledger.class).address(at[0]).binding(BindingConfig.of(at[1]))
                    .behavior(teller).build();
            Target t = Targets.oneWayOnly(row.getKey() + IN_MEMORY, h.process().pid(), f, from, to, checker);
            // warmed as the main host's rows are by their latency scenarios, so that neither side measures a cold JVM
            Target.Call submit = t.submit();
            for (int i = 0; i < 300; i++) {
                submit.run();
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (t.applied() < 300) {   // all run before the scenario counts its own
                if (System.nanoTime() > until) {
                    throw new IllegalStateException(t.name() + ": warm-up calls not applied within 60 s");
                }
                Thread.sleep(5);
            }
            targets.add(t);
        }
        return targets;
    }

    static final String TCP_TLS = "net.tcp over TLS";
    static final String SOAP_WSS = "SOAP/HTTPS UsernameToken";
    static final String REST_JWT = "REST/JSON bearer JWT";
    static final String SOAP_X509 = "SOAP X.509 sign+encrypt";

    /** A client's X.509 message security as the sample's ledger-soap-x509 takes it: a demo user's key, the dev PKI's server. */
    private static Map<String, Object> x509(Path pki, String user) {
        return Map.of("security-mode", "message", "message-credential", "certificate",
                "message-certificate", pki.resolve("client-" + user + ".pem").toString(),
                "message-private-key", pki.resolve("client-" + user + "-key.pem").toString(),
                "message-trust", pki.resolve("ca.pem").toString(), "message-peer-certificate", pki.resolve("server.pem").toString());
    }

    /** A wcf4j binding measured as a target: its address, binding type and settings, its baseline, its credential. */
    private record Row(String name, String address, String type, String baseline, Map<String, Object> settings,
                       io.wcf4j.spi.ClientBehavior credentials) {
    }

    /**
     * What a new connection costs, plain and over TLS (the handshake): a new net.tcp channel's first call, the
     * mean of {@code n}; by name.
     */
    static Map<String, Double> newConnectionMillis(Servers s, int n) {
        Map<String, Double> out = new LinkedHashMap<>();
        String ca = s.data.resolve("pki/ca.pem").toString();
        Map<String, BindingConfig> configs = new LinkedHashMap<>();
        configs.put("net.tcp://127.0.0.1:" + s.tcpPort + "/ledger", BindingConfig.of("net-tcp"));
        configs.put("net.tcp://localhost:" + s.tcpTlsPort + "/ledger", BindingConfig.of("net-tcp",
                Map.of("security-mode", "transport", "tls-trust", ca)));
        String[] names = {"net.tcp", TCP_TLS};
        int i = 0;
        for (Map.Entry<String, BindingConfig> c : configs.entrySet()) {
            long total = 0;
            for (int k = 0; k < n + 5; k++) {
                long t0 = System.nanoTime();
                try (ChannelFactory<Ledger> f = ChannelFactory.builder(Ledger.class).address(c.getKey()).binding(c.getValue())
                        .behavior(ClientCredentials.userName("teller", "teller-password".toCharArray())).build()) {
                    f.createChannel().getTotals();
                }
                if (k >= 5) {   // the first few warm the client up
                    total += System.nanoTime() - t0;
                }
            }
            out.put(names[i++], total / 1e6 / n);
        }
        return out;
    }

    private static void runScenarios(List<Target> targets, Mode mode, Results results) throws Exception {
        for (Target t : targets) {
            if (t.baseline() != null) {
                results.baselineOf.put(t.name(), t.baseline());
            }
        }
        for (Target t : targets) {
            Target.Call call = t.lookup();
            if (call == null) {
                continue;
            }
            System.out.println("latency and throughput: " + t.name());
            for (int i = 0; i < mode.warmup(); i++) {
                call.run();
            }
            long cpu0 = Proc.cpuNanos(t.serverPid());
            long wire0 = Proc.loopbackBytes();
            long alloc0 = allocatedBytes();
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
            for (int i = 0; i < mode.sequential(); i++) {
                long start = System.nanoTime();
                call.run();
                h.recordValue(Math.min(System.nanoTime() - start, h.getHighestTrackableValue()));
            }
            Results.Latency lat = new Results.Latency(h,
                    (Proc.cpuNanos(t.serverPid()) - cpu0) / (double) mode.sequential(),
                    (allocatedBytes() - alloc0) / (double) mode.sequential(),
                    (Proc.loopbackBytes() - wire0) / (double) mode.sequential());
            results.latency.put(t.name(), lat);
            Map<Integer, Double> tput = new LinkedHashMap<>();
            for (int threads : CONCURRENCY) {
                tput.put(threads, throughput(t::lookup, threads, mode.perLevel()));
            }
            results.throughput.put(t.name(), tput);
        }
        for (Target t : targets) {
            if (t.submit() == null) {
                continue;
            }
            System.out.println("one-way until applied: " + t.name());
            long before = t.applied();
            long cpu0 = Proc.cpuNanos(t.serverPid());
            long start = System.nanoTime();
            throughput(t::submit, 16, mode.oneWay());
            double accepted = mode.oneWay() / ((System.nanoTime() - start) / 1e9);
            long limitSeconds = mode.full() ? 300 : 60;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
            while (t.applied() - before < mode.oneWay()) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException(t.name() + ": only " + (t.applied() - before) + " of " + mode.oneWay()
                            + " one-way calls applied within " + limitSeconds + " s");
                }
                Thread.sleep(2);
            }
            double applied = mode.oneWay() / ((System.nanoTime() - start) / 1e9);
            if (t.applied() - before != mode.oneWay()) {
                throw new IllegalStateException(t.name() + ": " + (t.applied() - before) + " applied for " + mode.oneWay() + " sent");
            }
            results.oneWay.put(t.name(), new Results.OneWay(accepted, applied, (Proc.cpuNanos(t.serverPid()) - cpu0) / (double) mode.oneWay()));
        }
        for (Target t : targets) {
            if (t.transfer() == null) {
                continue;
            }
            System.out.println("transfers: " + t.name());
            long cpu0 = Proc.cpuNanos(t.serverPid());
            double tput = throughput(t::transfer, 16, mode.transfers());
            results.transfers.put(t.name(), new Results.Rate(tput, (Proc.cpuNanos(t.serverPid()) - cpu0) / (double) mode.transfers()));
        }
        for (Target t : targets) {
            if (t.largePayload() == null) {
                continue;
            }
            System.out.println("large payload: " + t.name());
            Target.Call call = t.largePayload();
            for (int i = 0; i < Math.max(5, mode.payloads() / 10); i++) {
                call.run();
            }
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
            long wire0 = Proc.loopbackBytes();
            for (int i = 0; i < mode.payloads(); i++) {
                long start = System.nanoTime();
                call.run();
                h.recordValue(Math.min(System.nanoTime() - start, h.getHighestTrackableValue()));
            }
            results.payload.put(t.name(), new Results.Payload(h, (Proc.loopbackBytes() - wire0) / (double) mode.payloads()));
        }
    }

    /** Calls per second with {@code threads} callers, each with the call its target gives a thread. */
    private static double throughput(CallFactory calls, int threads, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Target.Call> perThread = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                perThread.add(calls.make());
            }
            AtomicInteger left = new AtomicInteger(total);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (Target.Call c : perThread) {
                done.add(pool.submit(() -> {
                    while (left.decrementAndGet() >= 0) {
                        c.run();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface CallFactory {
        Target.Call make() throws Exception;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The server processes of one run. */
    static final class Servers implements AutoCloseable {
        final Path work;
        final Path jar;
        final Path data;
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final int httpPort = freePort();
        final int tcpPort = freePort();
        final int jmsPort = freePort();
        final int httpsPort = freePort();
        final int tcpTlsPort = freePort();
        final int rawPort = freePort();
        final int grpcPort = freePort();
        final int grpcNettyPort = freePort();
        /** The console host's own gRPC endpoint (the other is the gRPC-java baseline's). */
        final int wcf4jGrpcPort = freePort();
        final int plainHttpPort = freePort();
        final int plainJmsPort = freePort();
        final Path rawSocket;
        final List<Process> processes = new ArrayList<>();
        Process host;
        Process raw;
        Process grpc;
        Process grpcNetty;
        Process plain;
        long plainFrom;
        long plainTo;

        Servers(Path work, Path jar) throws IOException {
            this.work = work;
            this.jar = jar;
            this.data = work.resolve("data");
            this.rawSocket = work.resolve("raw.sock");
        }

        /** Starts the console host; unless {@code keep}, stops it again. Returns its start-up figures. */
        Results.Startup startConsoleHost(boolean keep) throws Exception {
            Path dir = keep ? data : work.resolve("startup-" + UUID.randomUUID());
            long launched = System.nanoTime();
            Process p = start(work.resolve("host-" + UUID.randomUUID() + ".log"), "console host ready", java, "-jar", jar.toString(),
                    "--server.port=" + httpPort, "--wcf4j.tcp-port=" + tcpPort, "--wcf4j.jms-port=" + jmsPort,
                    "--wcf4j.https-port=" + httpsPort, "--wcf4j.tcp-tls-port=" + tcpTlsPort,
                    "--wcf4j.grpc-port=" + wcf4jGrpcPort, "--wcf4j.grpc-tls-port=" + freePort(),
                    "--wcf4j.data-dir=" + dir, "--logging.level.io.wcf4j=WARN", "--logging.level.io.wcf4j.host.console=INFO",
                    "--logging.level.org.apache.activemq=WARN");
            double seen = (System.nanoTime() - launched) / 1e9;
            String log = Files.readString(lastLog, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("started in ([0-9.]+) s").matcher(log);
            double reported = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            long rssKb = Proc.statusKb(p.pid(), "VmRSS");
            if (keep) {
                host = p;
            } else {
                p.destroy();
                p.waitFor(40, TimeUnit.SECONDS);
                processes.remove(p);
            }
            return new Results.Startup(reported, seen, rssKb);
        }

        /** A console host beside the main one, with its own ports and data, and extra arguments. */
        record Host(Process process, int httpPort, int tcpPort) {
        }

        Host startExtraHost(String label, List<String> extra) throws Exception {
            int http = freePort();
            int tcp = freePort();
            List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--server.port=" + http,
                    "--wcf4j.tcp-port=" + tcp, "--wcf4j.jms-port=" + freePort(), "--wcf4j.https-port=" + freePort(),
                    "--wcf4j.tcp-tls-port=" + freePort(), "--wcf4j.grpc-port=" + freePort(), "--wcf4j.grpc-tls-port=" + freePort(),
                    "--wcf4j.data-dir=" + work.resolve("host" + label.replaceAll("[^a-z]", "-")),
                    "--logging.level.io.wcf4j=WARN", "--logging.level.io.wcf4j.host.console=INFO", "--logging.level.org.apache.activemq=WARN"));
            command.addAll(extra);
            Process p = start(work.resolve("host" + label.replaceAll("[^a-z]", "-") + ".log"), "console host ready",
                    command.toArray(String[]::new));
            return new Host(p, http, tcp);
        }

        /** An OTLP/HTTP receiver that takes every export and answers 200 (an empty ExportTraceServiceResponse). */
        int startTraceSink() throws IOException {
            com.sun.net.httpserver.HttpServer sink = com.sun.net.httpserver.HttpServer.create(
                    new InetSocketAddress("127.0.0.1", 0), 0);
            sink.createContext("/v1/traces", exchange -> {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            sink.start();
            traceSink = sink;
            return sink.getAddress().getPort();
        }

        private com.sun.net.httpserver.HttpServer traceSink;

        void startBaselines() throws Exception {
            String cp = System.getProperty("java.class.path");
            raw = start(work.resolve("raw.log"), "raw ping-pong ready", java, "-cp", cp, RawPingPongServer.class.getName(),
                    Integer.toString(rawPort), rawSocket.toString());
            grpc = start(work.resolve("grpc.log"), "grpc ready", java, "-cp", cp, GrpcBaseline.class.getName(), Integer.toString(grpcPort),
                    GrpcBaseline.Transport.SHADED.name());
            grpcNetty = start(work.resolve("grpc-netty.log"), "grpc ready", java, "-cp", cp, GrpcBaseline.class.getName(),
                    Integer.toString(grpcNettyPort), GrpcBaseline.Transport.NETTY.name());
            plain = start(work.resolve("plain.log"), "plain ready", java, "-cp", cp, PlainStacksServer.class.getName(),
                    Integer.toString(plainHttpPort), Integer.toString(plainJmsPort), work.resolve("plain").toString());
            Matcher m = Pattern.compile("plain ready account=(\\d+) target=(\\d+)").matcher(Files.readString(lastLog));
            if (!m.find()) {
                throw new IllegalStateException("plain stacks did not say their accounts");
            }
            plainFrom = Long.parseLong(m.group(1));
            plainTo = Long.parseLong(m.group(2));
        }

        void checkAlive() {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a server process died during the run; logs in " + work);
                }
            }
        }

        private Path lastLog;

        private Process start(Path log, String readyLine, String... command) throws Exception {
            lastLog = log;
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            processes.add(p);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < until) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(command[command.length - 1] + " exited; see " + log);
                }
                if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(readyLine)) {
                    return p;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("not ready within 90 s; see " + log);
        }

        @Override
        public void close() throws InterruptedException {
            if (traceSink != null) {
                traceSink.stop(0);
            }
            processes.forEach(Process::destroy);
            for (Process p : processes) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** {@link #freePort()} for field initialisers. */
    static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
