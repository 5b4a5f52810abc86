package io.wcf4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Every figure of one run, by target name, in the order measured. */
final class Results {
    record Latency(Histogram histogram, double serverCpuNanosPerCall, double clientAllocatedBytesPerCall, double wireBytesPerCall) {
    }

    record OneWay(double acceptedPerSecond, double appliedPerSecond, double serverCpuNanosPerCall) {
    }

    record Rate(double perSecond, double serverCpuNanosPerCall) {
    }

    record Payload(Histogram histogram, double wireBytesPerCall) {
    }

    record Startup(double reportedSeconds, double observedSeconds, long rssKb) {
    }

    final Bench.Mode mode;
    final Map<String, Latency> latency = new LinkedHashMap<>();
    final Map<String, Map<Integer, Double>> throughput = new LinkedHashMap<>();
    final Map<String, OneWay> oneWay = new LinkedHashMap<>();
    final Map<String, Rate> transfers = new LinkedHashMap<>();
    final Map<String, Payload> payload = new LinkedHashMap<>();
    final List<Startup> startups = new ArrayList<>();
    final Map<String, Long> peakRssKb = new LinkedHashMap<>();
    /** Classes loaded in the console host, and of them the shaded Netty's (what a second Netty costs). */
    final Map<String, Long> hostClasses = new LinkedHashMap<>();
    /** A new connection's first call, plain and over TLS, in ms (the difference is the handshake). */
    final Map<String, Double> newConnectionMs = new LinkedHashMap<>();
    /** Which baseline each binding is compared with (from {@link Target#baseline()}). */
    final Map<String, String> baselineOf = new LinkedHashMap<>();

    Results(Bench.Mode mode) {
        this.mode = mode;
    }

    double p50(String target) {
        return latency.get(target).histogram().getValueAtPercentile(50);
    }

    double tput(String target, int threads) {
        return throughput.get(target).get(threads);
    }
}
