package io.wcf4j.binding.grpc;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import io.grpc.MethodDescriptor;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final ProtoCodec codec = new ProtoCodec();
    private final Map<OperationDescription, MethodDescriptor<Object, Object>> methods = new HashMap<>();
    private final Map<OperationDescription, JavaType[]> parameterTypes = new HashMap<>();
    private final Map<OperationDescription, JavaType> resultTypes = new HashMap<>();

    /** A request or reply that could not be read, and why (safe to show the caller: it names no Java type). */
    record Unreadable(String reason) {
    }

    GrpcMessages(ContractDescription contract) {
        this.schema = ContractSchema.of(contract, mapper);
        for (ContractSchema.OperationSchema os : schema.operations()) {
            OperationDescription op = os.operation();
            List<ParameterDescription> params = op.parameters();
            JavaType[] types = new JavaType[params.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = mapper.constructType(params.get(i).genericType());
            }
            parameterTypes.put(op, types);
            resultTypes.put(op, mapper.constructType(op.genericReturnType()));
            methods.put(op, MethodDescriptor.newBuilder(new RequestMarshaller(os), new ResponseMarshaller(os))
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(os.fullMethodName(schema.serviceFullName()))
                    .setSchemaDescriptor(new GrpcReflection.MethodSchema(schema, os.methodName()))
                    .build());
        }
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
        ContractSchema.OperationSchema os = schema.operation(operation);
        ObjectNode node = mapper.createObjectNode();
        List<ParameterDescription> params = operation.parameters();
        for (int i = 0; i < args.length; i++) {
            if (args[i] != null) {
                node.set(params.get(i).name(), mapper.valueToTree(args[i]));
            }
        }
        return write(node, os.request());
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

    /**
     * Both directions of one method's messages. Callers hand {@code stream} the bytes they encoded (so that a value
     * with no protobuf form fails in their hands, not inside grpc-java); {@code parse} gives the arguments
     * ({@code Object[]}) or the result, or an {@link Unreadable}.
     */
    private abstract static class BytesMarshaller implements MethodDescriptor.Marshaller<Object> {
        @Override
        public InputStream stream(Object value) {
            return new ByteArrayInputStream((byte[]) value);
        }
    }

    private final class RequestMarshaller extends BytesMarshaller {
        private final ContractSchema.OperationSchema os;

        RequestMarshaller(ContractSchema.OperationSchema os) {
            this.os = os;
        }

        @Override
        public Object parse(InputStream stream) {
            try {
                ObjectNode node = codec.read(CodedInputStream.newInstance(stream), os.request());
                JavaType[] types = parameterTypes.get(os.operation());
                List<ParameterDescription> params = os.operation().parameters();
                Object[] args = new Object[types.length];
                for (int i = 0; i < args.length; i++) {
                    JsonNode v = node.get(params.get(i).name());
                    args[i] = v == null || v.isNull() ? null : mapper.treeToValue(v, types[i]);
                }
                return args;
            } catch (IOException | RuntimeException e) {
                return new Unreadable("the request is not a valid " + os.request().name + ": " + reason(e));
            }
        }
    }

    private final class ResponseMarshaller extends BytesMarshaller {
        private final ContractSchema.OperationSchema os;

        ResponseMarshaller(ContractSchema.OperationSchema os) {
            this.os = os;
        }

        @Override
        public Object parse(InputStream stream) {
            try {
                if (os.response() == null) {
                    return null;
                }
                JsonNode result = codec.read(CodedInputStream.newInstance(stream), os.response()).get("result");
                return result == null || result.isNull() ? null : mapper.treeToValue(result, resultTypes.get(os.operation()));
            } catch (IOException | RuntimeException e) {
                return new Unreadable("the reply is not a valid " + os.response().name + ": " + reason(e));
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
