package io.wcf4j.binding.grpc;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerStreamTracer;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.util.MutableHandlerRegistry;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.EndpointStatistic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * The host's gRPC servers, one per port: endpoints of several contracts on one port share its server (gRPC routes
 * by service name), which also serves reflection and the standard health service for all of them. Kept in the host's
 * {@link io.wcf4j.spi.HostResources}; a server stops when its last endpoint closes.
 */
final class GrpcServers implements AutoCloseable {
    private final Map<Integer, Shared> byPort = new HashMap<>();

    /** One server and the services on it. */
    static final class Shared {
        final Server server;
        final MutableHandlerRegistry registry = new MutableHandlerRegistry();
        final HealthStatusManager health = new HealthStatusManager();
        final BindingSettings settings;
        /** Connections open to the port, whatever service their calls name. */
        final AtomicInteger connections = new AtomicInteger();
        /** What each service's calls did on the wire, by service name. */
        final Map<String, Watch> watches = new ConcurrentHashMap<>();
        int endpoints;

        private Shared(InetSocketAddress bind, BindingSettings settings, String endpoint) {
            this.settings = settings;
            int limit = (int) Math.min(Integer.MAX_VALUE, settings.get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes());
            NettyServerBuilder b = NettyServerBuilder.forAddress(bind, GrpcTls.server(settings, endpoint))
                    .fallbackHandlerRegistry(registry)
                    .addService(ProtoReflectionServiceV1.newInstance())
                    .addService(health.getHealthService())
                    .maxInboundMessageSize(limit)
                    .maxInboundMetadataSize((int) settings.get(GrpcBinding.MAX_HEADER_LIST_SIZE).bytes())
                    .maxConcurrentCallsPerConnection(settings.get(GrpcBinding.MAX_CALLS_PER_CONNECTION))
                    .maxConnectionIdle(settings.get(GrpcBinding.IDLE_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)
                    .permitKeepAliveTime(settings.get(GrpcBinding.PERMIT_KEEPALIVE_TIME).toMillis(), TimeUnit.MILLISECONDS)
                    .permitKeepAliveWithoutCalls(false)
                    .handshakeTimeout(settings.get(GrpcBinding.HANDSHAKE_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)
                    // HTTP/2 rapid reset (CVE-2023-44487): at most this many RST_STREAMs per window before GOAWAY
                    .maxRstFramesPerWindow(200, 10)
                    .addTransportFilter(new ServerTransportFilter() {
                        @Override
                        public Attributes transportReady(Attributes attributes) {
                            connections.incrementAndGet();
                            return attributes;
                        }

                        @Override
                        public void transportTerminated(Attributes attributes) {
                            connections.decrementAndGet();
                        }
                    })
                    .addStreamTracerFactory(new ServerStreamTracer.Factory() {
                        @Override
                        public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
                            Watch w = watches.get(MethodDescriptor.extractFullServiceName(fullMethodName));
                            return w == null ? NO_TRACER : w.tracer(fullMethodName);
                        }
                    });
            this.server = b.build();
        }

        /** The watch of a service's calls. */
        Watch watch(String service) {
            return watches.computeIfAbsent(service, s -> new Watch());
        }

        /** What an endpoint reports (docs/observability.md): the port's connections, its own calls' bytes. */
        List<EndpointStatistic> statistics(String service) {
            Watch w = watch(service);
            return List.of(EndpointStatistic.gauge("connections", "Connections open to its gRPC port", connections::get),
                    EndpointStatistic.counter("bytes.received", "Bytes of its calls' messages received (on the wire)", w.received::sum),
                    EndpointStatistic.counter("bytes.sent", "Bytes of its calls' messages sent (on the wire)", w.sent::sum));
        }
    }

    /**
     * What one service's calls did on the wire: their bytes, and the messages grpc-java refused as over the size
     * limit before any wcf4j code read them (the endpoint reports those to the pipeline and the log).
     */
    static final class Watch {
        final LongAdder received = new LongAdder();
        final LongAdder sent = new LongAdder();
        volatile BiConsumer<String, SocketAddress> oversize;

        ServerStreamTracer tracer(String fullMethodName) {
            return new ServerStreamTracer() {
                private volatile SocketAddress remote;

                @Override
                public void serverCallStarted(ServerCallInfo<?, ?> call) {
                    remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                }

                @Override
                public void inboundWireSize(long bytes) {
                    received.add(bytes);
                }

                @Override
                public void outboundWireSize(long bytes) {
                    sent.add(bytes);
                }

                @Override
                public void streamClosed(Status status) {
                    BiConsumer<String, SocketAddress> listener = oversize;
                    if (listener != null && GrpcStatuses.isSizeLimit(status)) {
                        listener.accept(fullMethodName, remote);
                    }
                }
            };
        }
    }

    private static final ServerStreamTracer NO_TRACER = new ServerStreamTracer() {
    };

    /**
     * Adds {@code service} to the server on {@code bind}'s port, starting it if it is the first.
     *
     * @throws IllegalStateException when the port's server was started with other settings, or already has the service
     */
    synchronized Shared add(InetSocketAddress bind, BindingSettings settings, ServerServiceDefinition service, String endpoint)
            throws IOException {
        Shared shared = bind.getPort() == 0 ? null : byPort.get(bind.getPort());
        if (shared == null) {
            shared = new Shared(bind, settings, endpoint);
            shared.server.start();
            byPort.put(shared.server.getPort(), shared);
        } else if (!shared.settings.equals(settings)) {
            throw new IllegalStateException("endpoint " + endpoint + " shares gRPC port " + bind.getPort()
                    + " with an endpoint of other binding settings (TLS and limits are the port's); give it the same binding "
                    + "configuration or another port");
        }
        String name = service.getServiceDescriptor().getName();
        if (shared.registry.lookupMethod(service.getServiceDescriptor().getMethods().iterator().next().getFullMethodName()) != null) {
            throw new IllegalStateException("endpoint " + endpoint + ": gRPC port " + shared.server.getPort()
                    + " already serves " + name + "; a contract is served once per port");
        }
        shared.registry.addService(service);
        shared.health.setStatus(name, ServingStatus.SERVING);
        shared.endpoints++;
        return shared;
    }

    /** Removes a service; the last one out stops the server, letting calls in flight finish for {@code grace}. */
    synchronized void remove(Shared shared, ServerServiceDefinition service) {
        shared.health.setStatus(service.getServiceDescriptor().getName(), ServingStatus.NOT_SERVING);
        shared.registry.removeService(service);
        if (--shared.endpoints == 0) {
            byPort.remove(shared.server.getPort());
            shared.health.enterTerminalState();
            shared.server.shutdown();
            try {
                if (!shared.server.awaitTermination(5, TimeUnit.SECONDS)) {
                    shared.server.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                shared.server.shutdownNow();
            }
        }
    }

    @Override
    public synchronized void close() {
        for (Shared s : byPort.values()) {
            s.server.shutdownNow();
        }
        byPort.clear();
    }
}
