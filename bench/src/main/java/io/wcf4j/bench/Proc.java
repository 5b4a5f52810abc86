package io.wcf4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc tells about a process and the loopback interface. */
final class Proc {
    /** Linux's USER_HZ: clock ticks per second in /proc/<pid>/stat (100 on every mainstream kernel). */
    private static final long TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** User + system CPU time of a process, in nanoseconds. */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name may contain spaces: fields start after the closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** A field of /proc/<pid>/status in kB, e.g. VmRSS or VmHWM (peak RSS). */
    static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    /**
     * Classes a JVM has loaded (its {@code jcmd VM.class_hierarchy}), and of them those whose name starts with
     * {@code prefix}; by label.
     */
    static java.util.Map<String, Long> loadedClasses(long pid, String prefix) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.class_hierarchy").redirectErrorStream(true).start();
        java.util.List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .map(l -> l.replaceFirst("^[|\\s-]*", "")).filter(l -> l.matches("^[a-zA-Z_$][\\w.$]*/.*")).toList();
        if (p.waitFor() != 0 || lines.isEmpty()) {
            throw new IOException("jcmd " + pid + " VM.class_hierarchy gave no classes");
        }
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        out.put("classes loaded", (long) lines.size());
        out.put("of them " + prefix + "*", lines.stream().filter(l -> l.startsWith(prefix)).count());
        return out;
    }

    /** Bytes received on the loopback interface so far (every loopback byte is sent and received once). */
    static long loopbackBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
            String t = line.trim();
            if (t.startsWith("lo:")) {
                return Long.parseLong(t.substring(3).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no lo in /proc/net/dev");
    }
}
