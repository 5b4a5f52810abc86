package io.wcf4j.binding.grpc;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.WireFormat;

/**
 * How one Java type travels in protobuf: its proto type and wire type. Money and other exact numbers travel as
 * decimal strings (never a double); instants as {@code google.protobuf.Timestamp}; the other java.time and text-like
 * scalars as their ISO / canonical string.
 */
enum FieldKind {
    BOOL(Type.TYPE_BOOL, WireFormat.WIRETYPE_VARINT, "bool"),
    INT32(Type.TYPE_INT32, WireFormat.WIRETYPE_VARINT, "int32"),
    INT64(Type.TYPE_INT64, WireFormat.WIRETYPE_VARINT, "int64"),
    FLOAT(Type.TYPE_FLOAT, WireFormat.WIRETYPE_FIXED32, "float"),
    DOUBLE(Type.TYPE_DOUBLE, WireFormat.WIRETYPE_FIXED64, "double"),
    STRING(Type.TYPE_STRING, WireFormat.WIRETYPE_LENGTH_DELIMITED, "string"),
    BYTES(Type.TYPE_BYTES, WireFormat.WIRETYPE_LENGTH_DELIMITED, "bytes"),
    /** {@code BigDecimal}: the plain decimal text, scale kept ({@code "12.50"}). */
    DECIMAL(Type.TYPE_STRING, WireFormat.WIRETYPE_LENGTH_DELIMITED, "string"),
    /** {@code BigInteger}: its decimal text. */
    BIG_INTEGER(Type.TYPE_STRING, WireFormat.WIRETYPE_LENGTH_DELIMITED, "string"),
    /** UUID, URI, local dates and times: the string the JSON bindings write. */
    TEXT(Type.TYPE_STRING, WireFormat.WIRETYPE_LENGTH_DELIMITED, "string"),
    /** Instant, OffsetDateTime, ZonedDateTime, Date: {@code google.protobuf.Timestamp} (UTC). */
    TIMESTAMP(Type.TYPE_MESSAGE, WireFormat.WIRETYPE_LENGTH_DELIMITED, ".google.protobuf.Timestamp"),
    ENUM(Type.TYPE_ENUM, WireFormat.WIRETYPE_VARINT, null),
    MESSAGE(Type.TYPE_MESSAGE, WireFormat.WIRETYPE_LENGTH_DELIMITED, null),
    /** A map entry message (key = 1, value = 2); always repeated. */
    MAP_ENTRY(Type.TYPE_MESSAGE, WireFormat.WIRETYPE_LENGTH_DELIMITED, null);

    final Type protoType;
    final int wireType;
    /** The type's name in a .proto file; null where it is the referenced message or enum's name. */
    final String protoName;

    FieldKind(Type protoType, int wireType, String protoName) {
        this.protoType = protoType;
        this.wireType = wireType;
        this.protoName = protoName;
    }

    /** Whether a repeated field of this kind is written packed (proto3's default for scalar numbers). */
    boolean packable() {
        return wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }
}
