package io.wcf4j.binding.grpc;

import java.util.ArrayList;
import java.util.List;

/**
 * One protobuf message derived from the contract: an operation's request or response, a data contract, a fault's
 * detail, or a map entry. Its fields are looked up by number while decoding and walked in order while encoding.
 */
final class MessageSchema {
    final String name;
    /** A oneof of this message's fields numbered {@link #oneofFrom} and up, or null for none. */
    String oneof;
    int oneofFrom;
    private final List<Field> fields = new ArrayList<>();
    private Field[] byNumber = new Field[0];

    MessageSchema(String name) {
        this.name = name;
    }

    void add(Field field) {
        int at = 0;
        while (at < fields.size() && fields.get(at).number < field.number) {
            at++;
        }
        fields.add(at, field);   // in number order: protobuf's canonical order, and the .proto's
        if (field.number >= byNumber.length) {
            byNumber = java.util.Arrays.copyOf(byNumber, Math.max(field.number + 1, byNumber.length * 2));
        }
        byNumber[field.number] = field;
    }

    List<Field> fields() {
        return fields;
    }

    /** The field with this number, or null for a field this message does not know (skipped, as protobuf does). */
    Field field(int number) {
        return number > 0 && number < byNumber.length ? byNumber[number] : null;
    }

    /** The proto type name of this message, fully qualified in {@code packageName}. */
    String qualifiedName(String packageName) {
        return "." + packageName + "." + name;
    }

    /**
     * One field.
     *
     * @param name     the field's name in the .proto (the data contract's property name, made a proto identifier)
     * @param jsonName the property's name as the data contract's Jackson mapping reads and writes it
     * @param optional proto3 {@code optional}: a scalar that may be null (a boxed number, a string); a primitive
     *                 is never null and absent means zero
     * @param message  the message of a MESSAGE or MAP_ENTRY field, else null
     * @param enumType the enum of an ENUM field, else null
     */
    record Field(int number, String name, String jsonName, FieldKind kind, boolean repeated, boolean optional,
                 MessageSchema message, EnumSchema enumType) {
        /** Whether an absent value reads as a primitive's zero (proto3 writes no zero for such a field). */
        boolean primitive() {
            return !repeated && !optional && kind != FieldKind.MESSAGE && kind != FieldKind.TIMESTAMP
                    && kind != FieldKind.MAP_ENTRY && kind != FieldKind.ENUM;
        }
    }

    /**
     * A Java enum as a proto3 enum: number 0 is {@code <ENUM>_UNSPECIFIED} (read as null), the constants follow in
     * declaration order from 1.
     *
     * @param valueNames the proto names of the constants, index = number - 1
     * @param jsonNames  the names the data contract mapping writes, index = number - 1
     */
    record EnumSchema(String name, List<String> valueNames, List<String> jsonNames) {
        int number(String jsonName) {
            int i = jsonNames.indexOf(jsonName);
            return i < 0 ? -1 : i + 1;
        }
    }
}
