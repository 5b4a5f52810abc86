package io.wcf4j.bench;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ClientCredentials;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.TransferRequest;
import io.wcf4j.spi.ClientBehavior;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The chaos run (issue 16): mixed load on every binding at once (request-reply transfers over net.tcp, REST, SOAP
 * and gRPC; one-way transfers over REST, whose 202 means journaled, and over SOAP/JMS), each transfer with its own
 * request id as the client's idempotency key, while the console host is killed with kill -9 at random moments and
 * started again on the same data directory. At the end every transfer whose outcome the client does not know (its
 * call failed while the host died) is sent again with the same request id, and the ledger must show: each client's
 * acknowledged and unknown transfers applied exactly once (its own destination account holds exactly their sum), and
 * the money of all accounts conserved.
 *
 * <p>Usage: {@code bench/chaos.sh [--kills N] [--seed S]}; writes bench/results/CHAOS.md. A short run ({@code
 * ChaosTest}) is part of the test suite.
 */
public final class Chaos {
    static final BigDecimal INITIAL = new BigDecimal("1000000.00");
    static final BigDecimal AMOUNT = new BigDecimal("1.00");

    /** What a run found. */
    record Result(long seed, int kills, double seconds, Map<String, Client> clients, List<Recovery> recoveries,
                  BigDecimal totalBefore, BigDecimal totalAfter, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }

        long acknowledged() {
            return clients.values().stream().mapToLong(c -> c.acknowledged.get()).sum();
        }
    }

    /** One restart: how long the host took to say it was ready, and then until every binding had served a call. */
    record Recovery(int kill, double readySeconds, double allServingSeconds) {
    }

    /** One client thread: a binding, its calls, and the accounts only it moves money between. */
    static final class Client {
        final String binding;
        final long from;
        final long to;
        final AtomicLong acknowledged = new AtomicLong();
        final List<String> unknown = new ArrayList<>();
        /** The epoch (restart) in which this client last succeeded, and when it first did in each. */
        final Map<Integer, Long> firstSuccessNanos = new ConcurrentHashMap<>();

        Client(String binding, long from, long to) {
            this.binding = binding;
            this.from = from;
            this.to = to;
        }
    }

    private Chaos() {
    }

    public static void main(String[] args) throws Exception {
        int kills = 5;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (--kills N, --seed S)");
            }
        }
        Path root = Path.of("").toAbsolutePath();
        Result r = run(root.resolve("hosts/console/target/wcf4j-console-host.jar"), Files.createTempDirectory("wcf4j-chaos"),
                kills, seed, System.out::println);
        Path report = root.resolve("bench/results/CHAOS.md");
        Files.writeString(report, report(r));
        System.out.println("wrote " + report);
        if (!r.passed()) {
            System.out.println("FAILED: " + r.problems());
            System.exit(1);
        }
    }

    /**
     * Runs the load, the kills and the check.
     *
     * @param kills how many times the host is killed (it is started once more than that)
     */
    static Result run(Path jar, Path work, int kills, long seed, Consumer<String> log) throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build first: " + jar + " is missing");
        }
        Random random = new Random(seed);
        Host host = new Host(jar, work);
        ClientBehavior teller = ClientCredentials.userName("teller", "teller-password".toCharArray());
        Map<String, ChannelFactory<Ledger>> factories = new LinkedHashMap<>();
        Map<String, Client> clients = new LinkedHashMap<>();
        List<Recovery> recoveries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger epoch = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        try {
            host.start();
            factories.put("net.tcp", factory("net.tcp://127.0.0.1:" + host.tcpPort + "/ledger", "net-tcp", Map.of(), teller));
            factories.put("REST", factory("http://127.0.0.1:" + host.httpPort + "/api/ledger", "rest-json", Map.of(), teller));
            factories.put("SOAP", factory("http://127.0.0.1:" + host.httpPort + "/services/ledger", "soap-http", Map.of(), teller));
            factories.put("gRPC", factory("grpc://127.0.0.1:" + host.grpcPort, "grpc", Map.of(), teller));
            factories.put("REST one-way", factories.get("REST"));
            factories.put("SOAP/JMS one-way", factory("jms:queue:ledger", "soap-jms", Map.of("url", "tcp://127.0.0.1:" + host.jmsPort,
                    "user", "ledger-client", "password", "ledger-client-password", "security-mode", "message",
                    "message-credential", "username-digest"), teller));
            Ledger admin = factories.get("net.tcp").createChannel();
            for (String binding : factories.keySet()) {
                long from = admin.openAccount("chaos-from-" + binding, INITIAL).getId();
                long to = admin.openAccount("chaos-to-" + binding, new BigDecimal("0.00")).getId();
                clients.put(binding, new Client(binding, from, to));
            }
            BigDecimal totalBefore = admin.getTotals().getTotalBalance();
            for (Client c : clients.values()) {
                Ledger ledger = factories.get(c.binding).createChannel();
                boolean oneWay = c.binding.endsWith("one-way");
                Thread t = new Thread(() -> load(c, ledger, oneWay, stop, epoch), "chaos-" + c.binding);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            for (int k = 1; k <= kills; k++) {
                Thread.sleep(2_000 + random.nextInt(4_000));   // load for 2 to 6 s, then a kill at a random moment
                host.kill();
                log.accept("kill " + k + " of " + kills);
                Thread.sleep(random.nextInt(1_000));
                long launched = System.nanoTime();
                epoch.incrementAndGet();
                host.start();
                double ready = (System.nanoTime() - launched) / 1e9;
                long readyAt = System.nanoTime();
                int now = epoch.get();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (clients.values().stream().anyMatch(c -> !c.firstSuccessNanos.containsKey(now)) && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                long lastFirst = readyAt;
                boolean all = true;
                for (Client c : clients.values()) {
                    Long first = c.firstSuccessNanos.get(now);
                    all &= first != null;
                    lastFirst = first == null ? lastFirst : Math.max(lastFirst, first);
                }
                double serving = all ? (lastFirst - readyAt) / 1e9 : Double.NaN;
                if (!all) {
                    problems.add("restart " + k + ": a binding served no call within 60 s");
                }
                recoveries.add(new Recovery(k, ready, serving));
                log.accept(String.format("restart %d: ready %.1f s after launch, every binding served %.2f s after that", k, ready, serving));
            }
            Thread.sleep(2_000);
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // the transfers whose outcome nobody knows: once more, with the same request id (applied already, or now)
            for (Client c : clients.values()) {
                for (String id : c.unknown) {
                    admin.transfer(new TransferRequest(id, c.from, c.to, AMOUNT));
                }
            }
            // the one-way transfers still queued run; then each destination holds exactly what its client sent
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < until && clients.values().stream().anyMatch(c -> !balance(admin, c.to).equals(expected(c)))) {
                Thread.sleep(100);
            }
            Thread.sleep(1_000);   // a transfer applied twice would show now
            for (Client c : clients.values()) {
                BigDecimal to = balance(admin, c.to);
                if (to.compareTo(expected(c)) != 0) {
                    problems.add(c.binding + ": destination holds " + to + " for " + c.acknowledged.get() + " acknowledged and "
                            + c.unknown.size() + " unknown transfers of " + AMOUNT);
                }
                BigDecimal from = balance(admin, c.from);
                if (from.add(to).compareTo(INITIAL) != 0) {
                    problems.add(c.binding + ": source " + from + " + destination " + to + " is not " + INITIAL);
                }
            }
            BigDecimal totalAfter = admin.getTotals().getTotalBalance();
            if (totalAfter.compareTo(totalBefore) != 0) {
                problems.add("money not conserved: " + totalBefore + " before, " + totalAfter + " after");
            }
            String hostLog = host.logs();
            if (hostLog.contains("moved to dead-letter")) {
                problems.add("a message was dead-lettered (see " + work + ")");
            }
            return new Result(seed, kills, seconds, clients, recoveries, totalBefore, totalAfter, problems);
        } finally {
            stop.set(true);
            for (ChannelFactory<Ledger> f : new java.util.HashSet<>(factories.values())) {
                f.close();
            }
            host.stop();
        }
    }

    private static BigDecimal expected(Client c) {
        return AMOUNT.multiply(BigDecimal.valueOf(c.acknowledged.get() + c.unknown.size())).setScale(2);
    }

    private static BigDecimal balance(Ledger ledger, long account) {
        try {
            return ledger.getAccount(account).getBalance().setScale(2);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read account " + account, e);
        }
    }

    /** One client's loop: a transfer after another; one that fails has an unknown outcome and is resolved at the end. */
    private static void load(Client c, Ledger ledger, boolean oneWay, AtomicBoolean stop, AtomicInteger epoch) {
        while (!stop.get()) {
            String id = UUID.randomUUID().toString();
            TransferRequest request = new TransferRequest(id, c.from, c.to, AMOUNT);
            int current = epoch.get();
            try {
                if (oneWay) {
                    ledger.submitTransfer(request);
                } else {
                    ledger.transfer(request);
                }
                c.acknowledged.incrementAndGet();
                c.firstSuccessNanos.putIfAbsent(current, System.nanoTime());
            } catch (Exception e) {
                synchronized (c.unknown) {
                    c.unknown.add(id);
                }
                try {
                    Thread.sleep(100);   // the host is down or restarting
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static ChannelFactory<Ledger> factory(String address, String type, Map<String, Object> settings, ClientBehavior credentials) {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.put("send-timeout", "10s");
        return ChannelFactory.builder(Ledger.class).address(address).binding(BindingConfig.of(type, s)).behavior(credentials).build();
    }

    static String report(Result r) {
        StringBuilder sb = new StringBuilder("# Chaos run (kill -9 under mixed load)\n\n");
        sb.append("Produced by `bench/chaos.sh --kills ").append(r.kills()).append(" --seed ").append(r.seed()).append("` on ")
                .append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores. ")
                .append("Result: **").append(r.passed() ? "passed" : "FAILED: " + String.join("; ", r.problems())).append("**.\n\n");
        sb.append(String.format("%d transfers acknowledged in %.0f s (%.0f/s, kills and restarts included), money %s before and %s after.%n%n",
                r.acknowledged(), r.seconds(), r.acknowledged() / r.seconds(), r.totalBefore(), r.totalAfter()));
        sb.append("| client | acknowledged | failed, outcome unknown (sent again at the end) | applied once each |\n|---|---:|---:|---|\n");
        for (Client c : r.clients().values()) {
            boolean ok = r.problems().stream().noneMatch(p -> p.startsWith(c.binding + ":"));
            sb.append(String.format("| %s | %d | %d | %s |%n", c.binding, c.acknowledged.get(), c.unknown.size(), ok ? "yes" : "**no**"));
        }
        sb.append("\n| restart | ready after launch (s) | every binding served a call, after ready (s) |\n|---:|---:|---:|\n");
        for (Recovery rec : r.recoveries()) {
            sb.append(String.format("| %d | %.1f | %.2f |%n", rec.kill(), rec.readySeconds(), rec.allServingSeconds()));
        }
        double serving = r.recoveries().stream().mapToDouble(Recovery::allServingSeconds).max().orElse(Double.NaN);
        double readyMin = r.recoveries().stream().mapToDouble(Recovery::readySeconds).min().orElse(Double.NaN);
        double readyMax = r.recoveries().stream().mapToDouble(Recovery::readySeconds).max().orElse(Double.NaN);
        sb.append(String.format("%nTarget: every endpoint serving again ≤ 5 s after the restart: at most %.2f s after the host was "
                + "ready — %s; ready itself took %.1f to %.1f s after launch, under the load (reported, no target).%n",
                serving, serving <= 5 ? "met" : "**missed**", readyMin, readyMax));
        sb.append("\"Ready\" is the host's own line (every endpoint listening, the broker and the database open), most of it the ")
                .append("JVM's and Spring's start; the second column is from then until each client's next call succeeded.\n");
        return sb.toString();
    }

    /** The console host as its own process on fixed ports and one data directory, killed and started again. */
    static final class Host {
        final int httpPort = Bench.freePortUnchecked();
        final int tcpPort = Bench.freePortUnchecked();
        final int jmsPort = Bench.freePortUnchecked();
        final int grpcPort = Bench.freePortUnchecked();
        private final List<String> command;
        private final Path work;
        private final List<Path> logs = new ArrayList<>();
        private Process process;

        Host(Path jar, Path work) {
            this.work = work;
            this.command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                    "--server.port=" + httpPort, "--wcf4j.tcp-port=" + tcpPort, "--wcf4j.jms-port=" + jmsPort,
                    "--wcf4j.grpc-port=" + grpcPort, "--wcf4j.https-port=" + Bench.freePortUnchecked(),
                    "--wcf4j.tcp-tls-port=" + Bench.freePortUnchecked(), "--wcf4j.grpc-tls-port=" + Bench.freePortUnchecked(),
                    "--wcf4j.data-dir=" + work.resolve("data"), "--logging.level.io.wcf4j.host.console=INFO",
                    "--logging.level.org.apache.activemq=WARN");
        }

        void start() throws Exception {
            Path log = work.resolve("host-" + (logs.size() + 1) + ".log");
            logs.add(log);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < until) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the console host exited; see " + log);
                }
                if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("console host ready")) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("not ready within 120 s; see " + log);
        }

        /** kill -9: no shutdown hook, no drain. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(40, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        String logs() throws IOException {
            StringBuilder all = new StringBuilder();
            for (Path p : logs) {
                all.append(Files.readString(p, StandardCharsets.UTF_8));
            }
            return all.toString();
        }
    }
}
