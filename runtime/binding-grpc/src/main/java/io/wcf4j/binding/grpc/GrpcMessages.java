package io.wcf4j.binding.grpc;

import com.google.protobuf.CodedInputStream;
import io.grpc.MethodDescriptor;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A contract's calls as gRPC messages: its {@link ContractSchema}, and per operation a {@link MethodDescriptor} whose
 * marshallers turn arguments and results into protobuf bytes and back through the data contract mapping. Built once
 * per endpoint or channel; thread-safe.
 *
 * <p>A message that cannot be read does not throw out of a marshaller (grpc-java would answer it with a status of its
 * own choosing): it parses to an {@link Unreadable}, which the endpoint or channel turns into INVALID_ARGUMENT.
 */
final class GrpcMessages {
    private final ContractSchema schema;
    private final ObjectMapper mapper = DataContractMapper.json();
    private final ProtoCodec codec = new ProtoCodec(mapper.getNodeFactory());
    private final Map<OperationDescription, MethodDescriptor<Object, Object>> methods = new HashMap<>();
    private final Map<OperationDescription, JavaType[]> parameterTypes = new HashMap<>();
    private final Map<OperationDescription, JavaType> resultTypes = new HashMap<>();

    /** A request or reply that could not be read, and why (safe to show the caller: it names no Java type). */
    record Unreadable(String reason) {
    }

    /** A callback the service sent on a duplex session, as the caller reads it. */
    record Callback(long id, OperationDescription operation, Object[] arguments, CallMetadata metadata) {
    }

    /** The caller's answer to a callback: a gRPC status code (0 = OK), its message, and a request-reply callback's result. */
    record CallbackReply(long id, int code, String message, Object result) {
    }

    /** The duplex session's method, or null for a contract without callbacks. */
    private final MethodDescriptor<Object, Object> connect;

    GrpcMessages(ContractDescription contract) {
        this.schema = ContractSchema.of(contract, mapper);
        for (ContractSchema.OperationSchema os : schema.operations()) {
            OperationDescription op = os.operation();
            typesOf(op);
            methods.put(op, MethodDescriptor.newBuilder(
                            new Reading(os.request(), "the request", node -> readArguments(op, node)),
                            new Reading(os.response(), "the reply", node -> readResult(op, node)))
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(os.fullMethodName(schema.serviceFullName()))
                    .setSchemaDescriptor(new GrpcReflection.MethodSchema(schema, os.methodName()))
                    .build());
        }
        ContractSchema.CallbackSchema cb = schema.callbacks;
        if (cb == null) {
            connect = null;
            return;
        }
        cb.requests().keySet().forEach(this::typesOf);
        connect = MethodDescriptor.newBuilder(new Reading(cb.reply(), "the callback reply", node -> readCallbackReply(cb, node)),
                        new Reading(cb.callback(), "the callback", node -> readCallback(cb, node)))
                .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                .setFullMethodName(schema.serviceFullName() + "/" + ContractSchema.CONNECT)
                .setSchemaDescriptor(new GrpcReflection.MethodSchema(schema, ContractSchema.CONNECT))
                .build();
    }

    /** Resolves an operation's parameter and result types once, for reading its messages. */
    private void typesOf(OperationDescription op) {
        parameterTypes.put(op, op.parameters().stream().map(p -> mapper.constructType(p.genericType())).toArray(JavaType[]::new));
        resultTypes.put(op, mapper.constructType(op.genericReturnType()));
    }

    /** The duplex session's method: callback envelopes from the service, replies from the caller; null without callbacks. */
    MethodDescriptor<Object, Object> connect() {
        return connect;
    }

    /** A callback envelope: the service calls {@code operation} of the callback contract on its caller. */
    byte[] writeCallback(long id, OperationDescription operation, Object[] args, CallMetadata metadata) {
        ContractSchema.CallbackSchema cb = schema.callbacks;
        ObjectNode node = mapper.createObjectNode().put("id", id);
        if (metadata.timeRemaining() != null) {
            node.put("timeoutMillis", Math.max(1, metadata.timeRemaining().toMillis()));
        }
        ObjectNode entries = node.putObject("metadata");
        metadata.asMap().forEach((k, v) -> entries.put(k, v.get(0)));
        node.set(cb.fieldOf().get(operation), arguments(operation, args));
        return write(node, cb.callback());
    }

    /** A reply envelope: the caller's outcome of callback {@code id}. */
    byte[] writeCallbackReply(long id, OperationDescription operation, Outcome outcome) {
        ContractSchema.CallbackSchema cb = schema.callbacks;
        ObjectNode node = mapper.createObjectNode().put("id", id);
        switch (outcome.kind()) {
            case VALUE -> {
                MessageSchema result = cb.results().get(operation);
                if (result != null) {
                    ObjectNode r = node.putObject(cb.fieldOf().get(operation));
                    if (outcome.value() != null) {
                        r.set("result", mapper.valueToTree(outcome.value()));
                    }
                }
            }
            case FAULT -> node.put("code", GrpcStatuses.codeOfHttpStatus(outcome.faultDescription().httpStatus()).value())
                    .put("message", outcome.faultDescription().name() + ": " + outcome.fault().getMessage());
            case ERROR -> node.put("code", GrpcStatuses.code(outcome.errorCode()).value())
                    .put("message", outcome.errorMessage() == null ? outcome.errorCode().title() : outcome.errorMessage());
        }
        return write(node, cb.reply());
    }

    /** A callback envelope, as the caller reads it. */
    private Object readCallback(ContractSchema.CallbackSchema cb, ObjectNode node) throws IOException {
        for (Map.Entry<OperationDescription, String> e : cb.fieldOf().entrySet()) {
            JsonNode call = node.get(e.getValue());
            if (call != null && call.isObject()) {
                CallMetadata.Builder metadata = CallMetadata.builder();
                node.get("metadata").properties().forEach(m -> metadata.addIfValid(m.getKey(), m.getValue().asString()));
                long timeout = node.get("timeoutMillis").asLong();
                if (timeout > 0) {
                    metadata.deadline(java.time.Instant.now().plusMillis(timeout));
                }
                return new Callback(node.get("id").asLong(), e.getKey(), readArguments(e.getKey(), (ObjectNode) call), metadata.build());
            }
        }
        return new Unreadable("the callback names no operation of the callback contract");
    }

    /** A reply envelope, as the service reads it. */
    private Object readCallbackReply(ContractSchema.CallbackSchema cb, ObjectNode node) throws IOException {
        Object result = null;
        for (OperationDescription op : cb.results().keySet()) {
            JsonNode r = node.get(cb.fieldOf().get(op));
            if (r != null && r.isObject()) {
                result = readResult(op, (ObjectNode) r);
            }
        }
        return new CallbackReply(node.get("id").asLong(), node.get("code").asInt(), node.get("message").asString(), result);
    }

    ContractSchema schema() {
        return schema;
    }

    MethodDescriptor<Object, Object> method(OperationDescription operation) {
        return methods.get(operation);
    }

    java.util.Collection<MethodDescriptor<Object, Object>> methods() {
        return methods.values();
    }

    /** A declared fault's detail as the bytes of its fault-info message. */
    byte[] writeFaultDetail(FaultDescription fault, Object faultInfo) {
        return codec.write(mapper.valueToTree(faultInfo), schema.faultDetail(fault));
    }

    /** A declared fault's detail from the bytes of its fault-info message. */
    Object readFaultDetail(FaultDescription fault, byte[] bytes) throws IOException {
        ObjectNode node = codec.read(CodedInputStream.newInstance(bytes), schema.faultDetail(fault));
        return mapper.treeToValue(node, fault.faultInfoType());
    }

    /** The request message of a call of {@code operation} with these arguments. */
    byte[] writeArguments(OperationDescription operation, Object[] args) {
        return write(arguments(operation, args), schema.operation(operation).request());
    }

    /** Arguments as the tree of a request message: each parameter's value under its name. */
    ObjectNode arguments(OperationDescription operation, Object[] args) {
        ObjectNode node = mapper.createObjectNode();
        List<ParameterDescription> params = operation.parameters();
        for (int i = 0; i < args.length; i++) {
            if (args[i] != null) {
                node.set(params.get(i).name(), mapper.valueToTree(args[i]));
            }
        }
        return node;
    }

    /** The arguments in a request message's tree, in parameter order. */
    private Object[] readArguments(OperationDescription operation, ObjectNode node) throws IOException {
        JavaType[] types = parameterTypes.get(operation);
        List<ParameterDescription> params = operation.parameters();
        Object[] args = new Object[types.length];
        for (int i = 0; i < args.length; i++) {
            JsonNode v = node.get(params.get(i).name());
            args[i] = v == null || v.isNull() ? null : mapper.treeToValue(v, types[i]);
        }
        return args;
    }

    /** The response message of {@code operation} carrying {@code result} (empty for a one-way operation). */
    byte[] writeResult(OperationDescription operation, Object result) {
        ContractSchema.OperationSchema os = schema.operation(operation);
        if (os.response() == null) {
            return new byte[0];   // google.protobuf.Empty
        }
        ObjectNode node = mapper.createObjectNode();
        if (result != null) {
            node.set("result", mapper.valueToTree(result));
        }
        return write(node, os.response());
    }

    /** A message of {@code message}'s type as its tree (for the wire tap), or null if it cannot be read. */
    ObjectNode tree(byte[] bytes, MessageSchema message) {
        try {
            return codec.read(CodedInputStream.newInstance(bytes), message);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The result in a response message's tree (its field {@code result}), or null. */
    private Object readResult(OperationDescription operation, ObjectNode node) throws IOException {
        JsonNode result = node.get("result");
        return result == null || result.isNull() ? null : mapper.treeToValue(result, resultTypes.get(operation));
    }

    /** Reads one message's tree into what the caller of {@code parse} gets. */
    @FunctionalInterface
    private interface NodeReader {
        Object read(ObjectNode node) throws IOException;
    }

    /**
     * Both directions of one kind of message. Callers hand {@code stream} the bytes they encoded (so that a value with
     * no protobuf form fails in their hands, not inside grpc-java); {@code parse} reads the message of {@code schema}
     * (none: {@code google.protobuf.Empty}, read as null) and gives what its reader makes of it, or an
     * {@link Unreadable}.
     */
    private final class Reading implements MethodDescriptor.Marshaller<Object> {
        private final MessageSchema schema;
        private final String what;
        private final NodeReader reader;

        Reading(MessageSchema schema, String what, NodeReader reader) {
            this.schema = schema;
            this.what = what;
            this.reader = reader;
        }

        @Override
        public InputStream stream(Object value) {
            return new ByteArrayInputStream((byte[]) value);
        }

        @Override
        public Object parse(InputStream stream) {
            if (schema == null) {
                return null;
            }
            try {
                return reader.read(codec.read(CodedInputStream.newInstance(stream), schema));
            } catch (IOException | RuntimeException e) {
                return new Unreadable(what + " is not a valid " + schema.name + ": " + reason(e));
            }
        }
    }

    private byte[] write(ObjectNode node, MessageSchema message) {
        try {
            return codec.write(node, message);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, "a value has no protobuf form: " + e.getMessage(), e);
        }
    }

    /** Why a message could not be read, without Java class names (protobuf's and our own reasons are free of them). */
    private static String reason(Exception e) {
        return e instanceof com.google.protobuf.InvalidProtocolBufferException ? e.getMessage() : "a field has a value of the wrong type";
    }
}
