package io.wcf4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.Ledger;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Round-trip latency of {@code getAccount} on every binding of the console host, and the same number of bytes
 * over raw Java sockets (the physical floor), in one run: the server side runs in its own JVMs, this JVM is the
 * client. Writes {@code bench/results/latency.md}. Fails loudly if any scenario errors.
 *
 * <p>Usage: {@code bench/run.sh [--quick]} from the repository root.
 */
public final class LatencyBench {
    private record Scenario(String name, Call call) {
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private record Result(String name, Histogram sequential, double throughput16) {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int warmup = quick ? 2_000 : 20_000;
        int measured = quick ? 5_000 : 50_000;
        int concurrentCalls = quick ? 10_000 : 100_000;
        Path root = Path.of("").toAbsolutePath();
        Path jar = root.resolve("hosts/console/target/wcf4j-console-host.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build first: " + jar + " is missing (bench/run.sh does it)");
        }
        Path work = Files.createTempDirectory("wcf4j-bench");
        int httpPort = freePort();
        int tcpPort = freePort();
        int rawPort = freePort();
        int grpcPort = freePort();
        Path rawSocket = work.resolve("raw.sock");
        List<Process> processes = new ArrayList<>();
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process host = start(processes, work.resolve("host.log"), "console host ready", java, "-jar", jar.toString(),
                    "--server.port=" + httpPort, "--wcf4j.tcp-port=" + tcpPort, "--wcf4j.data-dir=" + work.resolve("data"),
                    "--logging.level.io.wcf4j=WARN", "--logging.level.io.wcf4j.host.console=INFO");
            start(processes, work.resolve("raw.log"), "raw ping-pong ready", java, "-cp", System.getProperty("java.class.path"),
                    RawPingPongServer.class.getName(), Integer.toString(rawPort), rawSocket.toString());
            start(processes, work.resolve("grpc.log"), "grpc ready", java, "-cp", System.getProperty("java.class.path"),
                    GrpcBaseline.class.getName(), Integer.toString(grpcPort));

            Map<String, ChannelFactory<Ledger>> factories = new LinkedHashMap<>();
            factories.put("net.tcp", ChannelFactory.create(Ledger.class, "net.tcp://127.0.0.1:" + tcpPort + "/ledger", "net-tcp"));
            factories.put("net.pipe", ChannelFactory.create(Ledger.class, "net.pipe://" + work.resolve("data/ledger.sock"), "net-pipe"));
            factories.put("SOAP 1.1/HTTP", ChannelFactory.create(Ledger.class, "http://127.0.0.1:" + httpPort + "/services/ledger", "soap-http"));
            factories.put("REST/JSON", ChannelFactory.create(Ledger.class, "http://127.0.0.1:" + httpPort + "/api/ledger", "rest-json"));
            Account account = factories.get("REST/JSON").createChannel().openAccount("bench", new BigDecimal("1000.00"));
            long id = account.getId();

            // the raw baseline moves as many bytes as net.tcp does for getAccount: frame header, deadline header, CBOR
            ObjectMapper cbor = DataContractMapper.cbor();
            int requestBytes = 16 + (1 + 8 + 2 + 5) + cbor.writeValueAsBytes(new Object[] {"getAccount", id}).length;
            int replyBytes = 16 + cbor.writeValueAsBytes(account).length;

            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(new Scenario("raw TCP socket", rawClient(() -> tcpChannel(rawPort), requestBytes, replyBytes)));
            scenarios.add(new Scenario("raw Unix socket", rawClient(() -> udsChannel(rawSocket), requestBytes, replyBytes)));
            GrpcBaseline.Client grpc = new GrpcBaseline.Client(grpcPort, requestBytes, replyBytes);
            scenarios.add(new Scenario("gRPC-java unary", () -> {
                if (grpc.call().length != replyBytes) {
                    throw new IllegalStateException("wrong reply");
                }
            }));
            for (Map.Entry<String, ChannelFactory<Ledger>> f : factories.entrySet()) {
                Ledger ledger = f.getValue().createChannel();
                scenarios.add(new Scenario(f.getKey(), () -> {
                    if (ledger.getAccount(id).getId() != id) {
                        throw new IllegalStateException("wrong account");
                    }
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Scenario s : scenarios) {
                System.out.println("measuring " + s.name() + " ...");
                Histogram h = sequential(s.call(), warmup, measured);
                double tput = concurrent(s.name().startsWith("raw") ? null : s.call(), 16, concurrentCalls);
                results.add(new Result(s.name(), h, tput));
            }
            factories.values().forEach(ChannelFactory::close);
            grpc.close();
            String report = report(results, requestBytes, replyBytes, quick, measured);
            System.out.println(report);
            Path out = root.resolve("bench/results/latency.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("wrote " + out);
            if (!host.isAlive()) {
                throw new IllegalStateException("the console host died during the run; see " + work.resolve("host.log"));
            }
        } finally {
            processes.forEach(Process::destroy);
            for (Process p : processes) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Each thread of a raw client needs its own connection: raw sockets are not multiplexed. */
    private interface ChannelOpener {
        SocketChannel open() throws IOException;
    }

    private static Call rawClient(ChannelOpener opener, int requestBytes, int replyBytes) throws IOException {
        SocketChannel c = opener.open();
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
        DataInputStream in = new DataInputStream(Channels.newInputStream(c));
        byte[] request = new byte[requestBytes];
        java.nio.ByteBuffer.wrap(request).putInt(requestBytes).putInt(replyBytes);
        byte[] reply = new byte[replyBytes];
        return () -> {
            out.write(request);
            out.flush();
            in.readFully(reply);
        };
    }

    private static SocketChannel tcpChannel(int port) throws IOException {
        SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        c.socket().setTcpNoDelay(true);
        return c;
    }

    private static SocketChannel udsChannel(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        return c;
    }

    private static Histogram sequential(Call call, int warmup, int measured) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            call.run();
            h.recordValue(Math.min(System.nanoTime() - start, h.getHighestTrackableValue()));
        }
        return h;
    }

    /** Calls per second with {@code threads} callers sharing the binding's channel; NaN for the raw baselines. */
    private static double concurrent(Call call, int threads, int calls) throws Exception {
        if (call == null) {
            return Double.NaN;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(calls);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                while (left.decrementAndGet() >= 0) {
                    call.run();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    private static String report(List<Result> results, int requestBytes, int replyBytes, boolean quick, int measured) {
        double rawTcp = results.get(0).sequential().getValueAtPercentile(50);
        Result tcp = results.stream().filter(r -> r.name().equals("net.tcp")).findFirst().orElseThrow();
        Result grpc = results.stream().filter(r -> r.name().startsWith("gRPC")).findFirst().orElseThrow();
        double netTcp = tcp.sequential().getValueAtPercentile(50);
        double grpcP50 = grpc.sequential().getValueAtPercentile(50);
        StringBuilder sb = new StringBuilder();
        sb.append("# getAccount round-trip latency, one run\n\n");
        sb.append("Measured ").append(LocalDateTime.now().withNano(0)).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", ").append(quick ? "quick" : "full")
                .append(" mode: ").append(measured).append(" sequential calls after warm-up, client and servers in separate JVMs on loopback. ")
                .append("Raw baselines move the same bytes as net.tcp: ").append(requestBytes).append(" B request, ")
                .append(replyBytes).append(" B reply.\n\n");
        sb.append("| binding | p50 µs | p90 µs | p99 µs | p99.9 µs | sequential calls/s | 16 threads calls/s | p50 / raw TCP | p50 / net.tcp | p50 / gRPC |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Histogram h = r.sequential();
            sb.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.0f | %s | %.2f | %.2f | %.2f |%n", r.name(),
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                    h.getValueAtPercentile(99.9) / 1e3, 1e9 / h.getMean(),
                    Double.isNaN(r.throughput16()) ? "–" : String.format("%.0f", r.throughput16()),
                    h.getValueAtPercentile(50) / rawTcp, h.getValueAtPercentile(50) / netTcp, h.getValueAtPercentile(50) / grpcP50));
        }
        Result pipe = results.stream().filter(r -> r.name().equals("net.pipe")).findFirst().orElseThrow();
        sb.append("\n## Targets (issue 4), from this run\n\n");
        sb.append(target("net.tcp sequential p50 ≤ 0.5× gRPC-java", netTcp / grpcP50, 0.5, true));
        sb.append(target("net.tcp 16-way throughput ≥ 2× gRPC-java", tcp.throughput16() / grpc.throughput16(), 2.0, false));
        sb.append(target("net.pipe p50 ≤ 0.8× net.tcp", pipe.sequential().getValueAtPercentile(50) / netTcp, 0.8, true));
        sb.append("\nNot measured yet: the raw Netty length-prefixed echo and server CPU per call (issue 7).\n");
        return sb.toString();
    }

    private static String target(String what, double ratio, double limit, boolean atMost) {
        boolean met = atMost ? ratio <= limit : ratio >= limit;
        return String.format("- %s: measured %.2f× — %s%n", what, ratio, met ? "met" : "**missed**");
    }

    private static Process start(List<Process> processes, Path log, String readyLine, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new IllegalStateException(command[command.length - 1] + " exited; see " + log);
            }
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(readyLine)) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not ready within 60 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
