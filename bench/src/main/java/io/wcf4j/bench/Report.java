package io.wcf4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes REPORT.md and the PNG charts of one run. */
final class Report {
    private Report() {
    }

    static void write(Results r, Path dir) throws IOException {
        charts(r, dir);
        StringBuilder sb = new StringBuilder();
        Runtime rt = Runtime.getRuntime();
        sb.append("# wcf4j benchmark report\n\n");
        sb.append("Measured ").append(LocalDateTime.now().withNano(0)).append(" on ").append(rt.availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), ").append(r.mode.full() ? "full mode" : "**" + r.mode.flag().substring(2) + "** mode (small samples: rough figures)")
                .append(". Every figure below comes from this one run: the console host (all bindings), the raw socket server, ")
                .append("the gRPC server and the plain CXF/Jersey/Artemis server each ran in its own JVM on loopback; this JVM was the client. ")
                .append("Produced by `bench/run.sh").append(r.mode.full() ? "" : " " + r.mode.flag()).append("`.\n\n");
        sb.append("Ratios compare each binding with the raw mechanism under it, measured in the same run: net.tcp with a raw TCP ")
                .append("socket, net.pipe with a raw Unix socket, SOAP with a plain CXF endpoint (CXF's default client), REST with a plain ")
                .append("Jersey resource, SOAP/JMS with raw JMS on Artemis. The raw sockets and gRPC move the same bytes as net.tcp's ")
                .append("getAccount. These 2-core machines are noisy: compare ratios within a run, not absolute numbers across runs.\n\n");

        sb.append("## Targets\n\n");
        sb.append(targets(r));

        sb.append("\n## 1. Sequential getAccount round trips (").append(r.mode.sequential()).append(" calls after ")
                .append(r.mode.warmup()).append(" warm-up)\n\n");
        sb.append("![latency](latency.png)\n\n");
        sb.append("| target | p50 µs | p90 µs | p99 µs | p99.9 µs | p50 / its baseline | p50 / gRPC | server CPU µs/call | client alloc KB/call | loopback bytes/call |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double grpcP50 = r.p50("gRPC-java unary");
        for (Map.Entry<String, Results.Latency> e : r.latency.entrySet()) {
            Histogram h = e.getValue().histogram();
            String base = r.baselineOf.get(e.getKey());
            sb.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f | %s | %.2f | %.1f | %.1f | %s |%n", e.getKey(),
                    us(h, 50), us(h, 90), us(h, 99), us(h, 99.9),
                    base == null ? "baseline" : String.format("%.2f× %s", h.getValueAtPercentile(50) / r.p50(base), base),
                    h.getValueAtPercentile(50) / grpcP50, e.getValue().serverCpuNanosPerCall() / 1e3,
                    e.getValue().clientAllocatedBytesPerCall() / 1024,
                    e.getKey().contains("Unix") || e.getKey().equals("net.pipe") ? "– (no loopback)"
                            : String.format("%.0f", e.getValue().wireBytesPerCall())));
        }
        sb.append("\nServer CPU is the serving process's user+system time over the run divided by calls (for SOAP/JMS and raw JMS it ")
                .append("includes the broker, which runs in that process). Loopback bytes count both directions with TCP/IP headers.\n");

        sb.append("\n## 2. getAccount throughput by concurrent callers (calls/s)\n\n");
        sb.append("![throughput](throughput.png)\n\n");
        sb.append("| target |");
        for (int c : Bench.CONCURRENCY) {
            sb.append(" ").append(c).append(" |");
        }
        sb.append(" 16-way / its baseline |\n|---|");
        for (int ignored : Bench.CONCURRENCY) {
            sb.append("---:|");
        }
        sb.append("---:|\n");
        for (Map.Entry<String, Map<Integer, Double>> e : r.throughput.entrySet()) {
            sb.append("| ").append(e.getKey()).append(" |");
            for (int c : Bench.CONCURRENCY) {
                sb.append(String.format(" %.0f |", e.getValue().get(c)));
            }
            String base = r.baselineOf.get(e.getKey());
            sb.append(base == null ? " baseline |" : String.format(" %.2f× |", e.getValue().get(16) / r.tput(base, 16)));
            sb.append("\n");
        }
        sb.append("\nRaw sockets get a connection per caller (they cannot multiplex); every other client shares one channel or pool, ")
                .append("as its users would.\n");

        sb.append("\n## 3. One-way submitTransfer, 16 senders, until applied (").append(r.mode.oneWay()).append(" calls)\n\n");
        sb.append("| target | accepted calls/s | applied calls/s | / its baseline (applied) | server CPU µs/call |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Results.OneWay> e : r.oneWay.entrySet()) {
            String base = r.baselineOf.get(e.getKey());
            Results.OneWay raw = base == null ? null : r.oneWay.get(base);
            sb.append(String.format("| %s | %.0f | %.0f | %s | %.1f |%n", e.getKey(), e.getValue().acceptedPerSecond(),
                    e.getValue().appliedPerSecond(), raw == null ? (base == null ? "baseline" : "–")
                            : String.format("%.2f×", e.getValue().appliedPerSecond() / raw.appliedPerSecond()),
                    e.getValue().serverCpuNanosPerCall() / 1e3));
        }
        sb.append("\n\"Applied\" is when the service has run every call (the ledger balance moved; for raw JMS, the queue is empty). ")
                .append("SOAP/JMS and raw JMS are durable: their one-way messages are persisted and consumed in transactions. ")
                .append("Over HTTP the sample's one-way calls are durable too: each is on the broker (its one-way journal) before its 202; ")
                .append("the rows \"").append(Bench.IN_MEMORY.substring(2)).append("\" are a host without the journal, whose calls wait in ")
                .append("memory after the 202. Over net.tcp/net.pipe a one-way call belongs to its connection's session and waits in memory.\n");

        sb.append("\n## 4. transfer (a database write per call), 16 callers (").append(r.mode.transfers()).append(" calls)\n\n");
        sb.append("| target | calls/s | / its baseline | server CPU µs/call |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, Results.Rate> e : r.transfers.entrySet()) {
            String base = r.baselineOf.get(e.getKey());
            Results.Rate raw = base == null ? null : r.transfers.get(base);
            sb.append(String.format("| %s | %.0f | %s | %.1f |%n", e.getKey(), e.getValue().perSecond(),
                    raw == null ? (base == null ? "baseline" : "–") : String.format("%.2f×", e.getValue().perSecond() / raw.perSecond()),
                    e.getValue().serverCpuNanosPerCall() / 1e3));
        }
        sb.append("\nPlain CXF and plain Jersey run the same JdbcLedgerService on their own H2 file database.\n");

        sb.append("\n## 5. Largest payload the contract allows: a 1,000-entry statement (").append(r.mode.payloads()).append(" calls)\n\n");
        sb.append("The ledger contract has no operation that carries 1 MB (an owner name is bounded and a statement is capped at ")
                .append("1,000 entries), so this scenario uses its largest reply.\n\n");
        sb.append("| target | p50 ms | p99 ms | / its baseline | loopback KB/call |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Results.Payload> e : r.payload.entrySet()) {
            String base = r.baselineOf.get(e.getKey());
            Results.Payload raw = base == null ? null : r.payload.get(base);
            Histogram h = e.getValue().histogram();
            sb.append(String.format("| %s | %.2f | %.2f | %s | %s |%n", e.getKey(), h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, raw == null ? (base == null ? "baseline" : "–")
                            : String.format("%.2f×", h.getValueAtPercentile(50) / (double) raw.histogram().getValueAtPercentile(50)),
                    e.getKey().equals("net.pipe") ? "– (no loopback)" : String.format("%.1f", e.getValue().wireBytesPerCall() / 1024)));
        }

        sb.append("\n## 6. Start-up and memory\n\n");
        sb.append("| run | launch → every endpoint listening (host's own count) | observed by the harness | RSS after start |\n|---|---:|---:|---:|\n");
        for (int i = 0; i < r.startups.size(); i++) {
            Results.Startup s = r.startups.get(i);
            sb.append(String.format("| %d | %.2f s | %.2f s | %d MB |%n", i + 1, s.reportedSeconds(), s.observedSeconds(), s.rssKb() / 1024));
        }
        sb.append("\n| process | peak RSS (VmHWM) at the end of the run |\n|---|---:|\n");
        for (Map.Entry<String, Long> e : r.peakRssKb.entrySet()) {
            sb.append(String.format("| %s | %d MB |%n", e.getKey(), e.getValue() / 1024));
        }
        if (!r.hostClasses.isEmpty()) {
            sb.append("\n| console host at the end of the run | classes |\n|---|---:|\n");
            r.hostClasses.forEach((k, v) -> sb.append(String.format("| %s | %d |%n", k, v)));
            sb.append("\nThe gRPC binding runs on `grpc-netty-shaded`, a second copy of Netty beside the one net.tcp uses; the ")
                    .append("rows \"gRPC-java unary\" (shaded) and \"gRPC-java unary, grpc-netty …\" (on the project's Netty) compare ")
                    .append("the two transports, and the line above counts the shaded copy's classes in the host.\n");
        }
        reliability(sb, dir);
        Files.writeString(dir.resolve("REPORT.md"), sb.toString());
    }

    /**
     * The reliability runs (issue 16) have their own commands and reports: chaos (bench/chaos.sh, CHAOS.md) and
     * fuzzing (bench/fuzz.sh, FUZZ.md). Their latest figures go in this report as they stand, each with its date.
     */
    private static void reliability(StringBuilder sb, Path dir) throws IOException {
        sb.append("\n## 7. Reliability: chaos and fuzzing (their own runs)\n");
        for (String[] run : List.of(new String[] {"CHAOS.md", "bench/chaos.sh"}, new String[] {"FUZZ.md", "bench/fuzz.sh"})) {
            Path file = dir.resolve(run[0]);
            if (!Files.exists(file)) {
                sb.append("\nNo ").append(run[0]).append(" yet: run `").append(run[1]).append("`.\n");
                continue;
            }
            String text = Files.readString(file);
            // its own title becomes a sub-heading here
            sb.append("\n##").append(text.startsWith("# ") ? text : "# " + run[0] + "\n\n" + text);
        }
    }

    private static String targets(Results r) {
        List<String> lines = new ArrayList<>();
        double tcp = r.p50("net.tcp");
        lines.add(target("net.tcp sequential p50 ≤ 0.5× gRPC-java", tcp / r.p50("gRPC-java unary"), 0.5, true));
        lines.add(target("net.tcp 16-way throughput ≥ 2× gRPC-java", r.tput("net.tcp", 16) / r.tput("gRPC-java unary", 16), 2.0, false));
        lines.add(target("net.pipe p50 ≤ 0.8× net.tcp", r.p50("net.pipe") / tcp, 0.8, true));
        lines.add(target("SOAP/HTTP 16-way throughput ≥ 5× plain CXF (its default client)",
                r.tput("SOAP 1.1/HTTP", 16) / r.tput("plain CXF", 16), 5.0, false));
        lines.add(target("SOAP/HTTP p50 ≤ 1.2× plain Jersey", r.p50("SOAP 1.1/HTTP") / r.p50("plain Jersey"), 1.2, true));
        lines.add(target("REST/JSON 16-way throughput ≥ 0.95× plain Jersey", r.tput("REST/JSON", 16) / r.tput("plain Jersey", 16), 0.95, false));
        if (r.oneWay.containsKey("SOAP/JMS") && r.oneWay.containsKey("raw Artemis JMS")) {
            lines.add(target("SOAP/JMS durable one-way throughput (applied) ≥ 0.9× raw Artemis JMS, same durability",
                    r.oneWay.get("SOAP/JMS").appliedPerSecond() / r.oneWay.get("raw Artemis JMS").appliedPerSecond(), 0.9, false));
        }
        for (String http : List.of("REST/JSON", "SOAP 1.1/HTTP")) {
            if (r.oneWay.containsKey(http) && r.oneWay.containsKey(http + Bench.IN_MEMORY)) {
                lines.add(target(http + " durable one-way accepted/s ≥ 0.5× the same in memory",
                        r.oneWay.get(http).acceptedPerSecond() / r.oneWay.get(http + Bench.IN_MEMORY).acceptedPerSecond(), 0.5, false));
            }
        }
        // gRPC from the same contract (issue 19)
        if (r.latency.containsKey(Bench.GRPC)) {
            lines.add(target("wcf4j over gRPC p50 ≤ 1.2× plain gRPC-java", r.p50(Bench.GRPC) / r.p50("gRPC-java unary"), 1.2, true));
            lines.add(target("wcf4j over gRPC 16-way throughput ≥ 0.9× plain gRPC-java",
                    r.tput(Bench.GRPC, 16) / r.tput("gRPC-java unary", 16), 0.9, false));
        }
        // security (issue 13)
        if (r.latency.containsKey(Bench.TCP_TLS)) {
            lines.add(target("net.tcp over TLS (established connection) p50 ≤ 1.3× net.tcp", r.p50(Bench.TCP_TLS) / tcp, 1.3, true));
        }
        if (r.latency.containsKey(Bench.SOAP_WSS)) {
            lines.add(target("SOAP over HTTPS with a UsernameToken p50 ≤ 1.5× SOAP/HTTP", r.p50(Bench.SOAP_WSS) / r.p50("SOAP 1.1/HTTP"), 1.5, true));
        }
        if (r.latency.containsKey(Bench.SOAP_X509)) {
            lines.add(String.format("- SOAP with X.509 message security (signed and encrypted both ways) p50: %.2f× SOAP/HTTP (reported, no target)%n",
                    r.p50(Bench.SOAP_X509) / r.p50("SOAP 1.1/HTTP")));
        }
        if (r.latency.containsKey(Bench.REST_JWT)) {
            lines.add(target("REST with a bearer JWT p50 ≤ 1.2× REST/JSON", r.p50(Bench.REST_JWT) / r.p50("REST/JSON"), 1.2, true));
        }
        if (r.newConnectionMs.containsKey(Bench.TCP_TLS)) {
            double plain = r.newConnectionMs.get("net.tcp");
            double tls = r.newConnectionMs.get(Bench.TCP_TLS);
            lines.add(String.format("- a new net.tcp connection's first call: %.2f ms plain, %.2f ms over TLS (the handshake ≈ %.2f ms; "
                    + "reported, no target)%n", plain, tls, tls - plain));
        }
        // observability (issue 17): the main host has metrics on; the other hosts differ from it in that alone
        for (String binding : List.of("net.tcp", "SOAP 1.1/HTTP")) {
            String off = binding + Bench.OFF;
            if (!r.latency.containsKey(off)) {
                continue;
            }
            lines.add(target(binding + " p50 with metrics ≤ 1.05× without", r.p50(binding) / r.p50(off), 1.05, true));
            lines.add(target(binding + " 16-way throughput with metrics ≥ 0.95× without (≤ 1.05× the time)",
                    r.tput(binding, 16) / r.tput(off, 16), 0.95, false));
            lines.add(String.format("- %s with tracing at 100 %% (OTLP export): p50 %.2f×, 16-way throughput %.2f× of observability off; "
                    + "with the message log on: p50 %.2f×, 16-way %.2f× (reported, no target)%n", binding,
                    r.p50(binding + Bench.TRACED) / r.p50(off), r.tput(binding + Bench.TRACED, 16) / r.tput(off, 16),
                    r.p50(binding + Bench.LOGGED) / r.p50(off), r.tput(binding + Bench.LOGGED, 16) / r.tput(off, 16)));
        }
        double[] startup = r.startups.stream().mapToDouble(Results.Startup::reportedSeconds).sorted().toArray();
        double median = startup[startup.length / 2];
        lines.add(String.format("- console host ready (all endpoints listening) ≤ 3 s from launch: measured %.2f s (median of %d) — %s%n",
                median, startup.length, median <= 3.0 ? "met" : "**missed**"));
        long rss = r.startups.get(r.startups.size() - 1).rssKb() / 1024;
        lines.add(String.format("- console host RSS ≤ 250 MB after start: measured %d MB — %s%n", rss, rss <= 250 ? "met" : "**missed**"));
        return String.join("", lines);
    }

    private static String target(String what, double ratio, double limit, boolean atMost) {
        boolean met = atMost ? ratio <= limit : ratio >= limit;
        return String.format("- %s: measured %.2f× — %s%n", what, ratio, met ? "met" : "**missed**");
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    private static void charts(Results r, Path dir) throws IOException {
        List<String> names = new ArrayList<>(r.latency.keySet());
        CategoryChart lat = new CategoryChartBuilder().width(1100).height(520).title("getAccount latency by percentile (µs)")
                .xAxisTitle("target").yAxisTitle("µs").build();
        lat.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        lat.getStyler().setXAxisLabelRotation(20);
        // p99.9 is in the table: on these noisy machines it would flatten every other bar
        for (double p : new double[] {50, 90, 99}) {
            List<Double> values = new ArrayList<>();
            for (String n : names) {
                values.add(r.latency.get(n).histogram().getValueAtPercentile(p) / 1e3);
            }
            lat.addSeries("p" + (p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p)), names, values);
        }
        BitmapEncoder.saveBitmap(lat, dir.resolve("latency.png").toString(), BitmapEncoder.BitmapFormat.PNG);

        XYChart tput = new XYChartBuilder().width(1100).height(520).title("getAccount throughput vs concurrent callers")
                .xAxisTitle("concurrent callers").yAxisTitle("calls/s").build();
        tput.getStyler().setXAxisLogarithmic(true);
        tput.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Double> x = Arrays.stream(Bench.CONCURRENCY).mapToObj(i -> (double) i).toList();
        for (Map.Entry<String, Map<Integer, Double>> e : r.throughput.entrySet()) {
            List<Double> y = Arrays.stream(Bench.CONCURRENCY).mapToObj(c -> e.getValue().get(c)).toList();
            tput.addSeries(e.getKey(), x, y);
        }
        BitmapEncoder.saveBitmap(tput, dir.resolve("throughput.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
