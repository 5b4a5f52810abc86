package io.wcf4j.binding.tcp;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.databind.DataContractDocuments;
import io.wcf4j.databind.DataContractErrors;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.spi.ErrorTexts;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CBOR payloads of the frames: a call is {@code [operationName, arg0, arg1, ...]}, a reply is the result
 * value, a fault is a small map (docs/tcp-framing.md). Thread-safe.
 */
final class PayloadCodec {
    private static final DataContractDocuments DOCUMENTS = new DataContractDocuments();
    private final ObjectMapper cbor = DataContractMapper.cbor();

    /** A decoded call. */
    record Call(OperationDescription operation, Object[] arguments) {
    }

    byte[] encodeCall(OperationDescription op, Object[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = cbor.createGenerator(out)) {
            g.writeStartArray();
            g.writeString(op.name());
            for (int i = 0; i < op.parameters().size(); i++) {
                cbor.writeValue(g, args == null ? null : args[i]);
            }
            g.writeEndArray();
        } catch (JacksonException e) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, "cannot encode the arguments of " + op.name() + ": " + e.getMessage());
        }
        return out.toByteArray();
    }

    /** Decodes a call of {@code contract}; a bad payload is a ServiceException the caller answers as a fault. */
    Call decodeCall(ContractDescription contract, byte[] payload) {
        try (JsonParser p = cbor.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_STRING) {
                throw new ServiceException(FaultCode.INVALID_ARGUMENT, "a call payload is a CBOR array [operationName, arguments...]");
            }
            String name = p.getString();
            OperationDescription op = contract.operation(name).orElseThrow(() -> new ServiceException(
                    FaultCode.UNKNOWN_OPERATION, "contract " + contract.name() + " has no operation '" + ErrorTexts.truncate(name) + "'"));
            Object[] args = new Object[op.parameters().size()];
            for (ParameterDescription param : op.parameters()) {
                if (p.nextToken() == JsonToken.END_ARRAY) {
                    throw new ServiceException(FaultCode.INVALID_ARGUMENT, op.name() + " takes " + args.length
                            + " arguments, got " + param.index());
                }
                try {
                    args[param.index()] = p.currentToken() == JsonToken.VALUE_NULL ? null
                            // one value of the call's array: what follows it is the next argument, not trailing content
                            : cbor.readerFor(cbor.getTypeFactory().constructType(param.genericType()))
                                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(p);
                } catch (JacksonException e) {
                    throw new ServiceException(FaultCode.INVALID_ARGUMENT, "argument '" + param.name() + "' of "
                            + op.name() + " cannot be read: " + DataContractErrors.explain(e));
                }
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new ServiceException(FaultCode.INVALID_ARGUMENT, op.name() + " takes " + args.length + " arguments, got more");
            }
            return new Call(op, args);
        } catch (JacksonException e) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, "undecodable call payload: " + DataContractErrors.describe(e));
        }
    }

    byte[] encodeValue(Object value) {
        try {
            return cbor.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot encode a result: " + e.getMessage(), e);
        }
    }

    Object decodeValue(OperationDescription op, byte[] payload) {
        if (!op.hasResult() || payload.length == 0) {
            return null;
        }
        try {
            return cbor.readValue(payload, cbor.getTypeFactory().constructType(op.genericReturnType()));
        } catch (JacksonException e) {
            throw new ServiceException(FaultCode.INTERNAL, "unreadable reply to " + op.name() + ": " + ErrorTexts.firstLine(e.getMessage()));
        }
    }

    byte[] encodeError(FaultCode code, String message) {
        ObjectNode n = cbor.createObjectNode();
        n.put("kind", "error");
        n.put("code", code.name());
        n.put("message", message);
        return encodeValue(n);
    }

    byte[] encodeFault(FaultDescription fd, Exception fault) {
        ObjectNode n = cbor.createObjectNode();
        n.put("kind", "fault");
        n.put("name", fd.name());
        n.put("message", fault.getMessage());
        n.set("detail", cbor.valueToTree(fd.faultInfo(fault)));
        return encodeValue(n);
    }

    /** The exception a fault payload stands for: the operation's declared fault, or a ServiceException. */
    Exception decodeFault(OperationDescription op, byte[] payload) {
        try {
            JsonNode n = cbor.readTree(payload);
            String message = n.path("message").asString("");
            if ("fault".equals(n.path("kind").asString()) && op != null) {
                Optional<FaultDescription> fd = op.faultNamed(n.path("name").asString());
                if (fd.isPresent()) {
                    return fd.get().newException(message, cbor.treeToValue(n.get("detail"), fd.get().faultInfoType()));
                }
            }
            FaultCode code;
            try {
                code = FaultCode.valueOf(n.path("code").asString("INTERNAL"));
            } catch (IllegalArgumentException e) {
                code = FaultCode.INTERNAL;
            }
            return new ServiceException(code, message);
        } catch (JacksonException e) {
            return new ServiceException(FaultCode.INTERNAL, "unreadable fault: " + ErrorTexts.firstLine(e.getMessage()));
        }
    }

    /**
     * The METADATA reply: the contract in contract terms, as its published description gives it (a parameter's type is
     * {@code {"kind": "integer"}} or {@code {"kind": "object", "ref": "Account"}} with the object in {@code types}),
     * never a Java name.
     */
    byte[] encodeMetadata(ContractDescription contract) {
        ObjectNode described = DOCUMENTS.describe(contract);
        ObjectNode root = cbor.createObjectNode();
        root.put("contract", contract.name());
        root.put("namespace", contract.namespace());
        if (contract.callbackContract() != null) {
            root.put("callbackContract", contract.callbackContract().name());
        } else {
            root.putNull("callbackContract");
        }
        root.set("operations", described.get("operations"));
        root.set("types", described.get("types"));
        return encodeValue(root);
    }

    JsonNode decodeTree(byte[] payload) {
        return cbor.readTree(payload);
    }

}
