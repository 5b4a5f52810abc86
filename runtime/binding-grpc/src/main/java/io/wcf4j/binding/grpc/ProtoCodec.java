package io.wcf4j.binding.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.wcf4j.databind.DataContractMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.wcf4j.spi.Decimals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protobuf's wire format for the messages of a {@link ContractSchema}, to and from the Jackson tree that the data
 * contract mapping reads and writes. The schema drives both directions, so no generated class is needed; the tree
 * keeps Jackson's handling of beans, records, JAXB names and adapters, the same as the JSON bindings.
 *
 * <p>Reading follows protobuf's rules (unknown fields skipped, the last value of a repeated scalar field wins for a
 * singular one, packed and unpacked repeated numbers both accepted) and refuses what cannot be a message of the
 * schema (a field of the wrong wire type, bad UTF-8, an unknown enum number, a decimal that is not one, nesting
 * deeper than {@link DataContractMapper#MAX_NESTING_DEPTH}) with an {@link InvalidProtocolBufferException}.
 */
final class ProtoCodec {
    /** The longest decimal or integer text accepted, and the largest scale, so that no value explodes when printed. */
    private static final int MAX_NUMBER_TEXT = 1000;

    private final JsonNodeFactory nodes;

    /** @param nodes the data contract mapping's node factory (which keeps a decimal's scale) */
    ProtoCodec(JsonNodeFactory nodes) {
        this.nodes = nodes;
    }

    // --- writing ------------------------------------------------------------------------------------------------

    /** The message {@code node} as protobuf bytes. */
    byte[] write(ObjectNode node, MessageSchema schema) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes, 512);
        try {
            writeFields(node, schema, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void writeFields(ObjectNode node, MessageSchema schema, CodedOutputStream out) throws IOException {
        for (MessageSchema.Field f : schema.fields()) {
            JsonNode v = node.get(f.jsonName());
            if (v == null || v.isNull()) {
                continue;
            }
            if (f.kind() == FieldKind.MAP_ENTRY) {
                writeMap(f, v, out);
            } else if (f.repeated()) {
                writeRepeated(f, v, out);
            } else if (!(f.primitive() && isZero(f.kind(), v))) {
                writeValue(f, f.number(), v, out);
            }
        }
    }

    private void writeRepeated(MessageSchema.Field f, JsonNode list, CodedOutputStream out) throws IOException {
        if (!list.isArray()) {
            throw new IllegalArgumentException(f.jsonName() + " is not a list");
        }
        for (JsonNode e : list) {
            if (e.isNull()) {
                throw new IllegalArgumentException("a list in " + f.jsonName() + " holds null, which protobuf cannot carry");
            }
        }
        if (f.kind().packable() && !list.isEmpty()) {
            int size = 0;
            for (JsonNode e : list) {
                size += packedSize(f, e);
            }
            out.writeTag(f.number(), WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(size);
            for (JsonNode e : list) {
                writePacked(f, e, out);
            }
            return;
        }
        for (JsonNode e : list) {
            writeValue(f, f.number(), e, out);
        }
    }

    private void writeMap(MessageSchema.Field f, JsonNode map, CodedOutputStream out) throws IOException {
        MessageSchema entry = f.message();
        MessageSchema.Field key = entry.field(1);
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            ObjectNode pair = nodes.objectNode();
            pair.set("key", switch (key.kind()) {
                case INT32 -> nodes.numberNode(Integer.parseInt(e.getKey()));
                case INT64 -> nodes.numberNode(Long.parseLong(e.getKey()));
                case BOOL -> nodes.booleanNode(Boolean.parseBoolean(e.getKey()));
                default -> nodes.textNode(e.getKey());
            });
            pair.set("value", e.getValue());
            out.writeByteArray(f.number(), write(pair, entry));
        }
    }

    private void writeValue(MessageSchema.Field f, int number, JsonNode v, CodedOutputStream out) throws IOException {
        switch (f.kind()) {
            case BOOL -> out.writeBool(number, v.asBoolean());
            case INT32 -> out.writeInt32(number, v.asInt());
            case INT64 -> out.writeInt64(number, v.asLong());
            case FLOAT -> out.writeFloat(number, v.floatValue());
            case DOUBLE -> out.writeDouble(number, v.doubleValue());
            case STRING, TEXT -> out.writeString(number, v.asString());
            case BYTES -> out.writeByteArray(number, v.binaryValue());
            case DECIMAL -> out.writeString(number, v.isNumber() ? v.decimalValue().toPlainString() : v.asString());
            case BIG_INTEGER -> out.writeString(number, v.isNumber() ? v.bigIntegerValue().toString() : v.asString());
            case TIMESTAMP -> out.writeByteArray(number, timestamp(v));
            case ENUM -> out.writeEnum(number, enumNumber(f, v));
            case MESSAGE -> {
                if (!v.isObject()) {
                    throw new IllegalArgumentException(f.jsonName() + " is not a data contract");
                }
                out.writeByteArray(number, write((ObjectNode) v, f.message()));
            }
            case MAP_ENTRY -> throw new IllegalStateException("a map is written by writeMap");
        }
    }

    private int packedSize(MessageSchema.Field f, JsonNode v) {
        return switch (f.kind()) {
            case BOOL -> 1;
            case INT32 -> CodedOutputStream.computeInt32SizeNoTag(v.asInt());
            case INT64 -> CodedOutputStream.computeInt64SizeNoTag(v.asLong());
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case ENUM -> CodedOutputStream.computeEnumSizeNoTag(enumNumber(f, v));
            default -> throw new IllegalStateException(f.kind() + " is not packed");
        };
    }

    private void writePacked(MessageSchema.Field f, JsonNode v, CodedOutputStream out) throws IOException {
        switch (f.kind()) {
            case BOOL -> out.writeBoolNoTag(v.asBoolean());
            case INT32 -> out.writeInt32NoTag(v.asInt());
            case INT64 -> out.writeInt64NoTag(v.asLong());
            case FLOAT -> out.writeFloatNoTag(v.floatValue());
            case DOUBLE -> out.writeDoubleNoTag(v.doubleValue());
            case ENUM -> out.writeEnumNoTag(enumNumber(f, v));
            default -> throw new IllegalStateException(f.kind() + " is not packed");
        }
    }

    private static int enumNumber(MessageSchema.Field f, JsonNode v) {
        int n = f.enumType().number(v.asString());
        if (n < 0) {
            throw new IllegalArgumentException(v.asString() + " is not a value of " + f.enumType().name());
        }
        return n;
    }

    private static boolean isZero(FieldKind kind, JsonNode v) {
        return switch (kind) {
            case BOOL -> !v.asBoolean();
            case INT32, INT64 -> v.asLong() == 0;
            case FLOAT, DOUBLE -> Double.doubleToRawLongBits(v.doubleValue()) == 0;
            case STRING, TEXT -> v.asString().isEmpty();
            default -> false;
        };
    }

    private static byte[] timestamp(JsonNode v) throws IOException {
        Instant t = v.isNumber() ? Instant.ofEpochMilli(v.asLong())
                : DateTimeFormatter.ISO_DATE_TIME.parse(v.asString(), Instant::from);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes, 16);
        if (t.getEpochSecond() != 0) {
            out.writeInt64(1, t.getEpochSecond());
        }
        if (t.getNano() != 0) {
            out.writeInt32(2, t.getNano());
        }
        out.flush();
        return bytes.toByteArray();
    }

    // --- reading ------------------------------------------------------------------------------------------------

    /** Reads a whole message of {@code schema}. */
    ObjectNode read(CodedInputStream in, MessageSchema schema) throws IOException {
        ObjectNode node = readFields(in, schema, 0);
        if (!in.isAtEnd()) {
            throw new InvalidProtocolBufferException("bytes after the end of the message");
        }
        return node;
    }

    private ObjectNode readFields(CodedInputStream in, MessageSchema schema, int depth) throws IOException {
        ObjectNode node = nodes.objectNode();
        int tag;
        while ((tag = in.readTag()) != 0) {
            MessageSchema.Field f = schema.field(WireFormat.getTagFieldNumber(tag));
            int wireType = WireFormat.getTagWireType(tag);
            if (f == null) {
                if (!in.skipField(tag)) {
                    throw new InvalidProtocolBufferException("an end-group tag where none was open");
                }
                continue;
            }
            if (f.kind() == FieldKind.MAP_ENTRY) {
                expect(f, wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                ObjectNode pair = readNested(in, f.message(), depth);
                JsonNode key = pair.get("key");
                ObjectNode map = node.has(f.jsonName()) ? (ObjectNode) node.get(f.jsonName()) : node.putObject(f.jsonName());
                map.set(key.asString(), pair.has("value") ? pair.get("value") : NullNode.getInstance());
            } else if (f.repeated()) {
                ArrayNode list = node.has(f.jsonName()) ? (ArrayNode) node.get(f.jsonName()) : node.putArray(f.jsonName());
                if (f.kind().packable() && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        list.add(readValue(in, f, depth));
                    }
                    in.popLimit(limit);
                } else {
                    expect(f, wireType, f.kind().wireType);
                    list.add(readValue(in, f, depth));
                }
            } else {
                expect(f, wireType, f.kind().wireType);
                node.set(f.jsonName(), readValue(in, f, depth));
            }
        }
        for (MessageSchema.Field f : schema.fields()) {
            if (!node.has(f.jsonName())) {
                // protobuf has no absent list or map, nor an absent primitive: they read as empty and zero
                if (f.kind() == FieldKind.MAP_ENTRY) {
                    node.putObject(f.jsonName());
                } else if (f.repeated()) {
                    node.putArray(f.jsonName());
                } else if (f.primitive()) {
                    node.set(f.jsonName(), zero(f.kind()));
                }
            }
        }
        return node;
    }

    private static void expect(MessageSchema.Field f, int actual, int expected) throws InvalidProtocolBufferException {
        if (actual != expected) {
            throw new InvalidProtocolBufferException("field " + f.number() + " (" + f.name() + ") has wire type " + actual
                    + ", expected " + expected);
        }
    }

    private JsonNode readValue(CodedInputStream in, MessageSchema.Field f, int depth) throws IOException {
        return switch (f.kind()) {
            case BOOL -> nodes.booleanNode(in.readBool());
            case INT32 -> nodes.numberNode(in.readInt32());
            case INT64 -> nodes.numberNode(in.readInt64());
            case FLOAT -> nodes.numberNode(in.readFloat());
            case DOUBLE -> nodes.numberNode(in.readDouble());
            case STRING, TEXT -> nodes.textNode(in.readStringRequireUtf8());
            case BYTES -> nodes.binaryNode(in.readByteArray());
            case DECIMAL -> nodes.numberNode(decimal(in.readStringRequireUtf8(), f));
            case BIG_INTEGER -> nodes.numberNode(integer(in.readStringRequireUtf8(), f));
            case TIMESTAMP -> readTimestamp(in, f);
            case ENUM -> {
                int n = in.readEnum();
                if (n == 0) {
                    yield NullNode.getInstance();
                }
                if (n < 0 || n > f.enumType().jsonNames().size()) {
                    throw new InvalidProtocolBufferException(n + " is not a value of " + f.enumType().name());
                }
                yield nodes.textNode(f.enumType().jsonNames().get(n - 1));
            }
            case MESSAGE -> readNested(in, f.message(), depth);
            case MAP_ENTRY -> throw new IllegalStateException("a map entry is read by readFields");
        };
    }

    private ObjectNode readNested(CodedInputStream in, MessageSchema schema, int depth) throws IOException {
        if (depth + 1 >= DataContractMapper.MAX_NESTING_DEPTH) {
            throw new InvalidProtocolBufferException("messages nested deeper than " + DataContractMapper.MAX_NESTING_DEPTH);
        }
        int limit = in.pushLimit(in.readRawVarint32());
        ObjectNode node = readFields(in, schema, depth + 1);
        in.popLimit(limit);
        return node;
    }

    private JsonNode readTimestamp(CodedInputStream in, MessageSchema.Field f) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        long seconds = 0;
        int nanos = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_VARINT -> seconds = in.readInt64();
                case (2 << 3) | WireFormat.WIRETYPE_VARINT -> nanos = in.readInt32();
                default -> {
                    if (!in.skipField(tag)) {
                        throw new InvalidProtocolBufferException("an end-group tag in a Timestamp");
                    }
                }
            }
        }
        in.popLimit(limit);
        // google.protobuf.Timestamp's own range: 0001-01-01 to 9999-12-31
        if (seconds < -62_135_596_800L || seconds > 253_402_300_799L || nanos < 0 || nanos > 999_999_999) {
            throw new InvalidProtocolBufferException(f.name() + " is not a valid Timestamp");
        }
        return nodes.textNode(Instant.ofEpochSecond(seconds, nanos).toString());
    }

    private static BigDecimal decimal(String text, MessageSchema.Field f) throws InvalidProtocolBufferException {
        try {
            // the bound every wire holds decimals to
            return Decimals.parse(text);
        } catch (NumberFormatException e) {
            throw new InvalidProtocolBufferException(f.name() + " is not a decimal number");
        }
    }

    private static BigInteger integer(String text, MessageSchema.Field f) throws InvalidProtocolBufferException {
        try {
            if (text.length() <= MAX_NUMBER_TEXT) {
                return new BigInteger(text);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidProtocolBufferException(f.name() + " is not an integer");
    }

    private JsonNode zero(FieldKind kind) {
        return switch (kind) {
            case BOOL -> nodes.booleanNode(false);
            case INT32 -> nodes.numberNode(0);
            case INT64 -> nodes.numberNode(0L);
            case FLOAT -> nodes.numberNode(0f);
            case DOUBLE -> nodes.numberNode(0d);
            case STRING, TEXT -> nodes.textNode("");
            case BYTES -> nodes.binaryNode(new byte[0]);
            default -> NullNode.getInstance();
        };
    }
}
