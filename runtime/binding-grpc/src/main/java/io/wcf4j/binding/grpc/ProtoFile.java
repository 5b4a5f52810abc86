package io.wcf4j.binding.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.ContractDescription;

/**
 * A contract's {@link ContractSchema} as .proto source, for protoc, grpc-js's proto-loader and people: the file a
 * client in another language generates its stubs from. Deterministic: the same contract gives the same text.
 */
public final class ProtoFile {
    private ProtoFile() {
    }

    /** The .proto source of {@code contract}'s gRPC service. */
    public static String of(Class<?> contract) {
        return of(ContractSchema.of(ContractDescription.of(contract), DataContractMapper.json()));
    }

    /** The file name protoc expects for it, from its package ({@code io/wcf4j/sample/ledger/ledger/Ledger.proto}). */
    public static String fileName(Class<?> contract) {
        return ContractSchema.of(ContractDescription.of(contract), DataContractMapper.json()).fileName();
    }

    static String of(ContractSchema schema) {
        var file = schema.fileProto;
        StringBuilder out = new StringBuilder();
        out.append("// The gRPC form of the contract ").append(schema.contract.type().getName())
                .append(", written by wcf4j from the contract (docs/grpc.md).\n")
                .append("// Do not edit: change the contract. Decimal fields carry the number as text, e.g. \"12.50\".\n")
                .append("syntax = \"proto3\";\n\n");
        if (file.hasPackage()) {
            out.append("package ").append(file.getPackage()).append(";\n\n");
        }
        file.getDependencyList().stream().sorted().forEach(d -> out.append("import \"").append(d).append("\";\n"));
        out.append("\noption java_multiple_files = true;\n");
        for (ServiceDescriptorProto service : file.getServiceList()) {
            out.append("\nservice ").append(service.getName()).append(" {\n");
            for (MethodDescriptorProto m : service.getMethodList()) {
                out.append("  rpc ").append(m.getName()).append('(').append(m.getClientStreaming() ? "stream " : "")
                        .append(typeName(schema, m.getInputType())).append(") returns (").append(m.getServerStreaming() ? "stream " : "")
                        .append(typeName(schema, m.getOutputType())).append(");\n");
            }
            out.append("}\n");
        }
        for (DescriptorProto message : file.getMessageTypeList()) {
            out.append("\nmessage ").append(message.getName()).append(" {\n");
            boolean inOneof = false;
            for (FieldDescriptorProto f : message.getFieldList()) {
                boolean oneofMember = f.hasOneofIndex() && !f.getProto3Optional();
                if (oneofMember && !inOneof) {
                    out.append("  oneof ").append(message.getOneofDecl(f.getOneofIndex()).getName()).append(" {\n");
                } else if (!oneofMember && inOneof) {
                    out.append("  }\n");
                }
                inOneof = oneofMember;
                out.append(inOneof ? "    " : "  ").append(fieldType(schema, message, f)).append(' ').append(f.getName()).append(" = ")
                        .append(f.getNumber());
                if (!f.getJsonName().equals(defaultJsonName(f.getName()))) {
                    out.append(" [json_name = \"").append(f.getJsonName()).append("\"]");
                }
                out.append(";");
                MessageSchema ms = schema.message(message.getName());
                MessageSchema.Field field = ms == null ? null : ms.field(f.getNumber());
                if (field != null && field.kind() != FieldKind.MAP_ENTRY && field.kind() != FieldKind.STRING
                        && field.kind().protoType == FieldDescriptorProto.Type.TYPE_STRING) {
                    out.append("  // ").append(switch (field.kind()) {
                        case DECIMAL -> "decimal";
                        case BIG_INTEGER -> "integer";
                        default -> "ISO-8601 or canonical text";
                    });
                }
                out.append('\n');
            }
            if (inOneof) {
                out.append("  }\n");
            }
            out.append("}\n");
        }
        for (EnumDescriptorProto e : file.getEnumTypeList()) {
            out.append("\nenum ").append(e.getName()).append(" {\n");
            for (EnumValueDescriptorProto v : e.getValueList()) {
                out.append("  ").append(v.getName()).append(" = ").append(v.getNumber()).append(";\n");
            }
            out.append("}\n");
        }
        return out.toString();
    }

    private static String fieldType(ContractSchema schema, DescriptorProto message, FieldDescriptorProto f) {
        if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED && f.getType() == FieldDescriptorProto.Type.TYPE_MESSAGE) {
            for (DescriptorProto nested : message.getNestedTypeList()) {
                if (nested.getOptions().getMapEntry() && f.getTypeName().endsWith("." + nested.getName())) {
                    return "map<" + scalarOrType(schema, nested.getField(0)) + ", " + scalarOrType(schema, nested.getField(1)) + ">";
                }
            }
        }
        String prefix = f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED ? "repeated "
                : f.getProto3Optional() ? "optional " : "";
        return prefix + scalarOrType(schema, f);
    }

    private static String scalarOrType(ContractSchema schema, FieldDescriptorProto f) {
        return switch (f.getType()) {
            case TYPE_MESSAGE, TYPE_ENUM -> typeName(schema, f.getTypeName());
            default -> f.getType().name().substring("TYPE_".length()).toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A fully qualified type name, relative to the file's package where it is in it. */
    private static String typeName(ContractSchema schema, String qualified) {
        String own = "." + schema.packageName + ".";
        if (!schema.packageName.isEmpty() && qualified.startsWith(own)) {
            return qualified.substring(own.length());
        }
        return qualified.startsWith(".") ? qualified.substring(1) : qualified;
    }

    /** protoc's json_name for a field name: lowerCamelCase of its snake_case. */
    private static String defaultJsonName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
