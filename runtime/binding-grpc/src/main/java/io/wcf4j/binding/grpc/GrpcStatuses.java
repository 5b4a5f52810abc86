package io.wcf4j.binding.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults and errors as gRPC statuses, in one place for both halves (docs/grpc.md):
 *
 * <ul>
 *   <li>a framework error: its {@link FaultCode}'s gRPC code, the message as the description, and a
 *       {@code google.rpc.Status} detail holding an {@code ErrorInfo} with domain {@value #DOMAIN} and the code's name
 *       as reason;</li>
 *   <li>a declared fault: the code its {@code @FaultStatus} HTTP status maps to (as Google's APIs map them; a 422
 *       is FAILED_PRECONDITION), an {@code ErrorInfo} whose reason is the fault's name in upper snake case and whose
 *       metadata {@code fault} is its wire name, and the fault's detail as an {@code Any} of its message type.</li>
 * </ul>
 */
final class GrpcStatuses {
    /** The {@code ErrorInfo.domain} of wcf4j's faults and errors. */
    static final String DOMAIN = "wcf4j.io";
    private static final Logger LOG = LoggerFactory.getLogger(GrpcStatuses.class);

    private GrpcStatuses() {
    }

    /** The status a failed outcome closes its call with, its trailers carrying the response metadata. */
    static StatusException toStatus(Outcome outcome, GrpcMessages messages, Metadata responseMetadata) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder();
        if (outcome.kind() == Outcome.Kind.FAULT) {
            FaultDescription fault = outcome.faultDescription();
            status.setCode(codeOfHttpStatus(fault.httpStatus()).value())
                    .setMessage(String.valueOf(outcome.fault().getMessage()))
                    .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN)
                            .setReason(ContractSchema.upperSnake(fault.name())).putMetadata("fault", fault.name()).build()));
            try {
                byte[] detail = messages.writeFaultDetail(fault, fault.faultInfo(outcome.fault()));
                status.addDetails(Any.newBuilder().setTypeUrl(messages.schema().typeUrl(messages.schema().faultDetail(fault)))
                        .setValue(ByteString.copyFrom(detail)));
            } catch (RuntimeException e) {
                LOG.warn("the detail of fault {} has no protobuf form; it is sent without it: {}", fault.name(), e.toString());
            }
        } else {
            status.setCode(code(outcome.errorCode()).value())
                    .setMessage(outcome.errorMessage() == null ? outcome.errorCode().title() : outcome.errorMessage())
                    .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN).setReason(outcome.errorCode().name()).build()));
        }
        return StatusProto.toStatusException(status.build(), responseMetadata);
    }

    /** A framework error as a status, for refusals made before there is an outcome. */
    static StatusException toStatus(FaultCode code, String message) {
        return toStatus(Outcome.error(code, message), null, new Metadata());
    }

    /**
     * What a client throws for a failed call: the declared fault rebuilt with its detail, or a {@link ServiceException}
     * with the error's code; a status with no wcf4j detail (grpc-java's own, or another server's) maps by its code.
     */
    static Exception toException(Status status, Metadata trailers, OperationDescription operation, GrpcMessages messages) {
        com.google.rpc.Status details = trailers == null ? null : StatusProto.fromStatusAndTrailers(status, trailers);
        ErrorInfo info = details == null ? null : errorInfo(details.getDetailsList());
        String message = status.getDescription() != null ? status.getDescription() : "the gRPC call failed: " + status.getCode();
        if (info != null) {
            String faultName = info.getMetadataMap().get("fault");
            if (faultName != null) {
                Optional<FaultDescription> fault = operation.faultNamed(faultName);
                if (fault.isPresent()) {
                    return rebuild(fault.get(), message, details.getDetailsList(), messages);
                }
            } else {
                for (FaultCode c : FaultCode.values()) {
                    if (c.name().equals(info.getReason())) {
                        return new ServiceException(c, message);
                    }
                }
            }
        }
        return new ServiceException(faultCode(status), message, status.getCause());
    }

    private static Exception rebuild(FaultDescription fault, String message, List<Any> details, GrpcMessages messages) {
        String typeUrl = messages.schema().typeUrl(messages.schema().faultDetail(fault));
        for (Any any : details) {
            if (any.getTypeUrl().equals(typeUrl)) {
                try {
                    return fault.newException(message, messages.readFaultDetail(fault, any.getValue().toByteArray()));
                } catch (Exception e) {
                    return new ServiceException(FaultCode.INTERNAL, "the detail of fault " + fault.name() + " could not be read", e);
                }
            }
        }
        return fault.newException(message, null);
    }

    private static ErrorInfo errorInfo(List<Any> details) {
        for (Any any : details) {
            if (any.is(ErrorInfo.class)) {
                try {
                    ErrorInfo info = any.unpack(ErrorInfo.class);
                    if (DOMAIN.equals(info.getDomain())) {
                        return info;
                    }
                } catch (InvalidProtocolBufferException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The response metadata of a call: its headers then its trailers, without gRPC's own entries. */
    static CallMetadata metadataOf(Metadata headers, Metadata trailers) {
        CallMetadata.Builder b = CallMetadata.builder();
        for (Metadata m : new Metadata[] {headers, trailers}) {
            if (m != null) {
                copy(m, b);
            }
        }
        return b.build();
    }

    /** Copies the text entries of gRPC metadata that are not gRPC's or HTTP/2's own. */
    static void copy(Metadata from, CallMetadata.Builder to) {
        for (String key : from.keys()) {
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX) || key.startsWith("grpc-") || key.startsWith(":")
                    || RESERVED.contains(key)) {
                continue;
            }
            Iterable<String> values = from.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
            if (values != null) {
                for (String v : values) {
                    to.addIfValid(key, v);
                }
            }
        }
    }

    /** Writes call metadata as gRPC metadata (text entries; keys are lower case on both sides). */
    static Metadata toMetadata(CallMetadata metadata) {
        Metadata m = new Metadata();
        for (Map.Entry<String, List<String>> e : metadata.asMap().entrySet()) {
            if (RESERVED.contains(e.getKey()) || e.getKey().startsWith("grpc-")) {
                continue;
            }
            Metadata.Key<String> key = Metadata.Key.of(e.getKey(), Metadata.ASCII_STRING_MARSHALLER);
            for (String v : e.getValue()) {
                m.put(key, v);
            }
        }
        return m;
    }

    /** HTTP/2's and gRPC's own entries, and the duplex session's id (a slot of the binding, not call metadata). */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("content-type", "te", "user-agent",
            "accept-encoding", "content-length", "host", GrpcSession.HEADER);

    static Status.Code code(FaultCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case UNKNOWN_OPERATION -> Status.Code.UNIMPLEMENTED;
            case MESSAGE_TOO_LARGE, RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case INTERNAL -> Status.Code.INTERNAL;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
            case CANCELLED -> Status.Code.CANCELLED;
        };
    }

    /** A declared fault's code from its HTTP status, as google.rpc's HTTP mapping pairs them. */
    static Status.Code codeOfHttpStatus(int http) {
        return switch (http) {
            case 400 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 409 -> Status.Code.ABORTED;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 499 -> Status.Code.CANCELLED;
            case 501 -> Status.Code.UNIMPLEMENTED;
            case 503 -> Status.Code.UNAVAILABLE;
            case 504 -> Status.Code.DEADLINE_EXCEEDED;
            default -> http >= 500 ? Status.Code.INTERNAL : Status.Code.FAILED_PRECONDITION;
        };
    }

    /** The framework code of a status that carries no wcf4j detail. */
    static FaultCode faultCode(Status status) {
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION -> FaultCode.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> FaultCode.UNAUTHENTICATED;
            case PERMISSION_DENIED -> FaultCode.PERMISSION_DENIED;
            case UNIMPLEMENTED, NOT_FOUND -> FaultCode.UNKNOWN_OPERATION;
            // grpc-java refuses an oversize message itself, before any wcf4j code sees it
            case RESOURCE_EXHAUSTED -> isSizeLimit(status) ? FaultCode.MESSAGE_TOO_LARGE : FaultCode.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> FaultCode.UNAVAILABLE;
            case CANCELLED -> FaultCode.CANCELLED;
            case DEADLINE_EXCEEDED -> FaultCode.DEADLINE_EXCEEDED;
            default -> FaultCode.INTERNAL;
        };
    }

    /** Whether grpc-java refused a message as larger than the limit (its status names no wcf4j code). */
    static boolean isSizeLimit(Status status) {
        String d = status.getDescription();
        return status.getCode() == Status.Code.RESOURCE_EXHAUSTED && d != null
                && (d.contains("exceeds maximum") || d.contains("larger than max"));
    }
}
