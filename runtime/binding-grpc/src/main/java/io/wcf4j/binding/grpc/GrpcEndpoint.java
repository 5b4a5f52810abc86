package io.wcf4j.binding.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.wcf4j.FaultCode;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.MetadataDocuments;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Refusal;
import io.wcf4j.spi.WireTap;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server half: the contract as a gRPC service on the host's server for the address's port. Each unary call
 * becomes an {@link Invocation} (its metadata from the gRPC headers, its deadline from gRPC's, the peer from the
 * connection), goes through the Dispatcher, and its {@link Outcome} goes back as the response message, or as a status
 * ({@link GrpcStatuses}).
 */
final class GrpcEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcEndpoint.class);
    /** How close to its deadline a caller's cancel counts as the deadline passing (transit and a busy host). */
    private static final Duration DEADLINE_SLACK = Duration.ofSeconds(1);

    private final ListenContext context;
    private final GrpcMessages messages;
    /** The open duplex sessions, by id. */
    private final Map<String, GrpcSession> sessions = new ConcurrentHashMap<>();

    GrpcEndpoint(ListenContext context) {
        this.context = context;
        this.messages = new GrpcMessages(context.contract());
    }

    Listener listen() throws Exception {
        String path = context.address().path();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("endpoint " + context.endpointName() + ": a grpc address has no path (gRPC "
                    + "routes by service name, here " + messages.schema().serviceFullName() + "); write grpc://host:port");
        }
        ContractSchema schema = messages.schema();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(schema.serviceFullName())
                .setSchemaDescriptor(new GrpcReflection.ServiceSchema(schema));
        for (MethodDescriptor<Object, Object> m : messages.methods()) {
            descriptor.addMethod(m);
        }
        if (messages.connect() != null) {
            descriptor.addMethod(messages.connect());
        }
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(descriptor.build());
        for (ContractSchema.OperationSchema os : schema.operations()) {
            service.addMethod(messages.method(os.operation()), new UnaryHandler(os.operation()));
        }
        if (messages.connect() != null) {
            service.addMethod(messages.connect(), new ConnectHandler());
        }
        WireTap tap = WireTap.forEndpoint(context.resources(), context.endpoint());
        ServerServiceDefinition definition = tap == null ? service.build()
                : ServerInterceptors.intercept(service.build(), new GrpcWireTap(tap, context.endpoint(), messages));
        GrpcServers servers = context.resources().computeIfAbsent(GrpcServers.class, GrpcServers::new);
        String host = context.address().isWildcardHost() ? "0.0.0.0" : context.address().host();
        GrpcServers.Shared shared = servers.add(new InetSocketAddress(host, Math.max(0, context.address().port())),
                context.settings(), definition, context.endpointName());
        URI bound = URI.create(context.address().scheme() + "://" + context.address().host() + ":" + shared.server.getPort());
        // the .proto a client generates its stubs from, under the host's /metadata (where the host has HTTP)
        MetadataDocuments documents = context.resources().computeIfAbsent(MetadataDocuments.class, MetadataDocuments::new);
        String file = context.endpoint().service() + ".proto";
        MetadataDocuments.Document proto = new MetadataDocuments.Document(context.endpointName(), "proto", "text/plain",
                ProtoFile.of(schema));
        documents.put(file, proto);
        shared.watch(schema.serviceFullName()).oversize = this::refusedOversize;
        return Listener.of(bound, Map.of(), shared.statistics(schema.serviceFullName()), () -> {
            sessions.values().forEach(GrpcSession::close);
            documents.remove(file, proto);
            servers.remove(shared, definition);
        });
    }

    /** grpc-java refused a request over the size limit before the handler read it: the log and the pipeline hear of it. */
    private void refusedOversize(String fullMethodName, SocketAddress remote) {
        String method = fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1);
        ContractSchema.OperationSchema os = messages.schema().method(method);
        String operation = os == null ? method : os.operation().name();
        PeerIdentity peer = PeerIdentity.of(remote);
        String why = "the message is larger than max-received-message-size ("
                + context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE) + ")";
        LOG.info("refused a call of {} on endpoint {} from {}: {}", operation, context.endpointName(), peer.remoteAddress(), why);
        context.dispatcher().refused(new Refusal(operation, context.newContext().peer(peer).build(),
                Outcome.error(FaultCode.MESSAGE_TOO_LARGE, why)));
    }

    /** One operation's calls: one request message in, one response or a status out. */
    private final class UnaryHandler implements ServerCallHandler<Object, Object> {
        private final OperationDescription operation;

        UnaryHandler(OperationDescription operation) {
            this.operation = operation;
        }

        @Override
        public ServerCall.Listener<Object> startCall(ServerCall<Object, Object> call, Metadata headers) {
            // the call's own context: grpc-java cancels it when the caller cancels or the deadline passes
            Context callContext = Context.current();
            Deadline deadline = callContext.getDeadline();
            call.request(2);   // a second message in a unary call is an error, seen in onMessage
            return new ServerCall.Listener<>() {
                private Object request;
                private boolean refused;

                @Override
                public void onMessage(Object message) {
                    if (request != null) {
                        refused = true;
                        close(call, GrpcStatuses.toStatus(FaultCode.INVALID_ARGUMENT, "a unary call carries one request message"));
                        return;
                    }
                    request = message;
                }

                @Override
                public void onHalfClose() {
                    if (refused) {
                        return;
                    }
                    if (request == null) {
                        close(call, GrpcStatuses.toStatus(FaultCode.INVALID_ARGUMENT, "the call carried no request message"));
                        return;
                    }
                    handle(call, headers, callContext, request);
                }
            };
        }

        private void handle(ServerCall<Object, Object> call, Metadata headers, Context callContext, Object request) {
            CallMetadata.Builder metadata = CallMetadata.builder();
            GrpcStatuses.copy(headers, metadata);
            Deadline deadline = callContext.getDeadline();
            if (deadline != null) {
                metadata.deadline(Instant.now().plusNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)));
            }
            PeerIdentity peer = peer(call);
            var builder = context.newContext().metadata(metadata.build()).peer(peer);
            String sessionId = headers.get(GrpcSession.KEY);
            if (sessionId != null) {
                GrpcSession session = sessions.get(sessionId);
                if (session == null) {
                    close(call, GrpcStatuses.toStatus(FaultCode.UNAVAILABLE, "no open session " + sessionId
                            + " on this endpoint: open one with " + ContractSchema.CONNECT));
                    return;
                }
                if (!session.isOwnedBy(call)) {
                    LOG.warn("refused a call of {} on endpoint {} from {}: it names session {}, opened on another connection",
                            operation.name(), context.endpointName(), peer.remoteAddress(), sessionId);
                    close(call, GrpcStatuses.toStatus(FaultCode.PERMISSION_DENIED, "session " + sessionId
                            + " belongs to another connection"));
                    return;
                }
                builder.session(session).callbacks(session.callbacks());
            }
            var ctx = builder.build();
            if (request instanceof GrpcMessages.Unreadable unreadable) {
                Outcome refusal = Outcome.error(FaultCode.INVALID_ARGUMENT, unreadable.reason());
                LOG.info("refused a call of {} on endpoint {} from {}: {}", operation.name(), context.endpointName(),
                        ctx.remoteAddress(), unreadable.reason());
                context.dispatcher().refused(new Refusal(operation.name(), ctx, refusal));
                close(call, GrpcStatuses.toStatus(refusal, messages, new Metadata()));
                return;
            }
            // grpc-java tells of a cancel on a thread of its own, not the one running the operation: seen while it runs
            Context.CancellationListener cancelled = c -> ctx.cancel(reason(c));
            callContext.addListener(cancelled, Runnable::run);
            Invocation invocation = new Invocation(operation, (Object[]) request, ctx);
            var stage = operation.oneWay() ? context.dispatcher().dispatchOneWay(invocation) : context.dispatcher().dispatch(invocation);
            stage.whenComplete((outcome, never) -> {
                callContext.removeListener(cancelled);
                reply(call, outcome);
            });
        }

        /**
         * Why grpc-java cancelled a call's context: its deadline passed, or the caller gave up. A caller whose own deadline
         * passes sends RST_STREAM, which arrives before this side's copy of the deadline (started on receipt) expires;
         * the two are told apart only by time, so a cancel within {@link #DEADLINE_SLACK} of the deadline counts as it.
         */
        private static String reason(Context cancelled) {
            Deadline deadline = cancelled.getDeadline();
            return deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) <= DEADLINE_SLACK.toMillis()
                    ? "its deadline passed" : "the caller cancelled it";
        }

        private void reply(ServerCall<Object, Object> call, Outcome outcome) {
            Metadata responseMetadata = GrpcStatuses.toMetadata(outcome.metadata());
            if (!outcome.isValue()) {
                close(call, GrpcStatuses.toStatus(outcome, messages, responseMetadata));
                return;
            }
            byte[] body;
            try {
                body = messages.writeResult(operation, operation.oneWay() ? null : outcome.value());
            } catch (RuntimeException e) {
                LOG.error("the result of {} has no protobuf form", operation.name(), e);
                close(call, GrpcStatuses.toStatus(FaultCode.INTERNAL, "the result could not be written"));
                return;
            }
            try {
                call.sendHeaders(responseMetadata);
                call.sendMessage(body);
                call.close(Status.OK, new Metadata());
            } catch (RuntimeException e) {
                // the caller went away (cancelled, deadline passed) while the operation ran
                LOG.debug("could not send the reply of {}: {}", operation.name(), e.toString());
            }
        }

        /** The peer's address and, over TLS, the certificate chain it presented (verified by the handshake). */
        private static PeerIdentity peer(ServerCall<?, ?> call) {
            PeerIdentity peer = PeerIdentity.of(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
            SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            return tls == null ? peer : peer.withCertificatesOf(tls);
        }
    }

    /**
     * A duplex contract's {@code Connect}: opens a session, sends its id in the stream's headers, and passes the
     * caller's answers to the callbacks waiting for them; the session ends with the stream.
     */
    private final class ConnectHandler implements ServerCallHandler<Object, Object> {
        @Override
        public ServerCall.Listener<Object> startCall(ServerCall<Object, Object> call, Metadata headers) {
            GrpcSession session = new GrpcSession(UUID.randomUUID().toString(), call, messages);
            session.callbacks(context.callbackChannel(session));
            sessions.put(session.id(), session);
            Metadata sessionHeaders = new Metadata();
            sessionHeaders.put(GrpcSession.KEY, session.id());
            synchronized (call) {
                call.sendHeaders(sessionHeaders);
                call.request(1);
            }
            return new ServerCall.Listener<>() {
                @Override
                public void onMessage(Object message) {
                    if (message instanceof GrpcMessages.CallbackReply reply) {
                        session.answered(reply);
                    } else {
                        LOG.info("session {} on endpoint {}: {}", session.id(), context.endpointName(),
                                ((GrpcMessages.Unreadable) message).reason());
                    }
                    synchronized (call) {
                        call.request(1);
                    }
                }

                @Override
                public void onHalfClose() {
                    synchronized (call) {
                        try {
                            call.close(Status.OK, new Metadata());
                        } catch (RuntimeException e) {
                            LOG.debug("session {}: closing its stream: {}", session.id(), e.toString());
                        }
                    }
                    ended();
                }

                @Override
                public void onCancel() {
                    ended();
                }

                @Override
                public void onComplete() {
                    ended();
                }

                private void ended() {
                    if (sessions.remove(session.id(), session)) {
                        session.ended();
                        context.dispatcher().sessionClosed(session.id());
                    }
                }
            };
        }
    }

    private static void close(ServerCall<?, ?> call, StatusException status) {
        try {
            call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
        } catch (RuntimeException e) {
            LOG.debug("could not close a call: {}", e.toString());
        }
    }
}
