package io.wcf4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.PeerIdentity;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared HTTP hosting on a real embedded Tomcat: the router's choice of endpoint, its size limits, the peer
 * it records, and the metadata codec both ways over real requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpHostingTest {
    private static final int LIMIT = 1000;
    private final HostResources resources = new HostResources();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicReference<PeerIdentity> lastPeer = new AtomicReference<>();
    private final AtomicReference<CallMetadata> lastMetadata = new AtomicReference<>();
    private HttpServletHost host;
    private URI outer;
    private URI inner;

    /** Answers with the servlet path it was given, and echoes the request's metadata as response metadata. */
    private final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String name;

        Echo(String name) {
            this.name = name;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            lastPeer.set((PeerIdentity) req.getAttribute(HttpMetadataCodec.PEER_ATTRIBUTE));
            CallMetadata in;
            try {
                in = HttpMetadataCodec.read(req);
            } catch (ServiceException e) {
                resp.setStatus(400);
                resp.getWriter().write(e.getMessage());
                return;
            }
            lastMetadata.set(in);
            int read;
            try (InputStream body = req.getInputStream()) {
                read = body.readAllBytes().length;
            } catch (MessageTooLargeException e) {
                resp.setStatus(413);
                resp.getWriter().write("cut off at " + e.limit());
                return;
            }
            CallMetadata.Builder out = CallMetadata.builder();
            in.asMap().forEach((k, v) -> v.forEach(value -> out.add("x-echo-" + k, value)));
            HttpMetadataCodec.write(out.build(), resp);
            resp.getWriter().write(name + " " + req.getServletPath() + " " + req.getPathInfo() + " " + read);
        }
    }

    @BeforeAll
    void start() throws Exception {
        host = new EmbeddedTomcatServletHost(resources);
        RequestLimits limits = new RequestLimits(LIMIT, (req, resp, max) -> {
            resp.setStatus(413);
            resp.getWriter().write("declared over " + max);
        });
        outer = host.mount(EndpointAddress.parse("http://127.0.0.1:0/api"), new Echo("outer"), limits).address();
        int port = outer.getPort();
        inner = host.mount(EndpointAddress.parse("http://127.0.0.1:" + port + "/api/inner"), new Echo("inner"), limits).address();
    }

    @AfterAll
    void stop() {
        resources.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Counts the requests it served before its (slow) initialisation had finished: must be none. */
    private static final class SlowToStart extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final java.util.concurrent.atomic.AtomicInteger servedUninitialised = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean initialised;

        @Override
        public void init() {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            initialised = true;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            (initialised ? served : servedUninitialised).incrementAndGet();
            resp.getWriter().write("ok");
        }
    }

    /** Found by the chaos run: an endpoint mounted while requests arrive was reached before its servlet was initialised. */
    @Test
    void aServletMountedWhileRequestsArrive_isNotReachedBeforeItsInitialisation() throws Exception {
        SlowToStart slow = new SlowToStart();
        URI late = URI.create("http://127.0.0.1:" + outer.getPort() + "/late");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> {
            while (!stop.get()) {
                try {
                    statuses.add(send(HttpRequest.newBuilder(late)).statusCode());
                } catch (Exception e) {
                    statuses.add(-1);
                }
            }
        });
        caller.start();
        try {
            Thread.sleep(100);
            host.mount(EndpointAddress.parse(late.toString()), slow, new RequestLimits(LIMIT, (req, resp, max) -> resp.setStatus(413)));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (slow.served.get() < 3 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        } finally {
            stop.set(true);
            caller.join(5000);
        }
        assertThat(slow.servedUninitialised.get()).isZero();
        assertThat(slow.served.get()).as("served once initialised").isGreaterThanOrEqualTo(3);
        assertThat(statuses).as("before it: not found; after: served").containsOnly(404, 200);
    }

    @Test
    void theLongestMountedPrefixServes_withTheMountPathAsServletPath() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(outer + "/x/y"))).body()).isEqualTo("outer /api /x/y 0");
        assertThat(send(HttpRequest.newBuilder(URI.create(inner + "/z"))).body()).isEqualTo("inner /api/inner /z 0");
        assertThat(send(HttpRequest.newBuilder(inner)).body()).isEqualTo("inner /api/inner null 0");
        assertThat(send(HttpRequest.newBuilder(URI.create(outer + "x"))).statusCode())
                .as("/apix is not under /api: a prefix ends at a path segment").isEqualTo(404);
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + outer.getPort() + "/elsewhere")));
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aBodyDeclaredOverTheLimit_isRefusedUnread_andAChunkedOneIsCutOff() throws Exception {
        HttpResponse<String> declared = send(HttpRequest.newBuilder(outer)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(LIMIT + 1))));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).isEqualTo("declared over " + LIMIT);
        // no Content-Length: the body streams, and the read fails when it crosses the limit
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(outer).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(new byte[LIMIT * 3]))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).isEqualTo("cut off at " + LIMIT);
        assertThat(send(HttpRequest.newBuilder(outer).POST(HttpRequest.BodyPublishers.ofString("x".repeat(LIMIT)))).body())
                .isEqualTo("outer /api null " + LIMIT);
    }

    @Test
    void theRouterRecordsThePeer() throws Exception {
        send(HttpRequest.newBuilder(outer));
        PeerIdentity peer = lastPeer.get();
        assertThat(peer.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(peer.certificateChain()).as("no TLS here").isEmpty();
        assertThat(peer.verifiedPrincipal()).as("no container login here").isNull();
    }

    @Test
    void metadataTravelsInHeaders_bothWays_butTheMessagesOwnHeadersAreNotMetadata() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(outer).header("X-Custom", "one").header("x-custom", "two")
                .header("traceparent", "00-abc-def-01").header("Wcf4j-Timeout", "1500").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hi")));
        CallMetadata in = lastMetadata.get();
        assertThat(in.getAll("x-custom")).containsExactly("one", "two");
        assertThat(in.get("traceparent")).isEqualTo("00-abc-def-01");
        assertThat(in.timeRemaining().toMillis()).as("Wcf4j-Timeout is the deadline").isBetween(1L, 1500L);
        assertThat(in.keys()).doesNotContain("wcf4j-timeout", "content-type", "content-length", "host", "connection");
        assertThat(r.headers().allValues("x-echo-x-custom")).containsExactly("one", "two");
        assertThat(HttpMetadataCodec.read(r.headers().map()).get("x-echo-traceparent")).isEqualTo("00-abc-def-01");
    }

    @Test
    void aTimeoutThatIsNotANumberOfMilliseconds_isInvalidArgument() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(outer).header("Wcf4j-Timeout", "soon"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Wcf4j-Timeout").contains("soon");
        assertThatThrownBy(() -> HttpMetadataCodec.read(Map.of("Wcf4j-Timeout", List.of("-5"))))
                .isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(FaultCode.INVALID_ARGUMENT));
    }

    @Test
    void writingMetadata_sendsTheTimeLeftAndNeverTheMessagesOwnHeaders() {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        CallMetadata m = CallMetadata.builder().put("x-a", "1").put("content-length", "999")
                .deadline(Instant.now().plusSeconds(3)).build();
        HttpMetadataCodec.write(m, (k, v) -> headers.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v));
        assertThat(headers).containsKeys("x-a", "Wcf4j-Timeout").doesNotContainKey("content-length");
        assertThat(Long.parseLong(headers.get("Wcf4j-Timeout").get(0))).isBetween(1L, 3000L);
    }
}
