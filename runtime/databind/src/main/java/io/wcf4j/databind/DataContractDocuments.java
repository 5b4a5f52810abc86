package io.wcf4j.databind;

import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.spi.ContractDocuments;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link ContractDocuments} of {@code wcf4j-databind}: a contract's operations and data contracts as JSON,
 * {@code {"contract", "name", "namespace", "operations": [{name, oneWay, parameters: [{name, type}], returns, faults}],
 * "types": {...}}}, where every type is one of
 * {@code string}, {@code integer}, {@code decimal} (money: typed as text, kept exact), {@code number},
 * {@code boolean}, {@code date-time}, {@code date}, {@code enum} (with its {@code values}), {@code list} (of
 * {@code items}) or a reference ({@code ref}) to an {@code object} in {@code types}, whose {@code fields} are its
 * properties as every binding names them (the data contract mapper's view of the class).
 */
public final class DataContractDocuments implements ContractDocuments {
    private final ObjectMapper mapper = DataContractMapper.json();

    @Override
    public String json(ContractDescription contract) {
        return describe(contract).toString();
    }

    /** The description as a tree. */
    public ObjectNode describe(ContractDescription contract) {
        ObjectNode root = mapper.createObjectNode();
        root.put("contract", contract.type().getName());
        root.put("name", contract.name());
        root.put("namespace", contract.namespace());
        ObjectNode types = mapper.createObjectNode();
        root.set("operations", operations(contract, types));
        // each declared fault's detail (its fault info), by the fault's name, its data contract among the types
        ObjectNode faultDetails = mapper.createObjectNode();
        for (OperationDescription op : contract.operations()) {
            for (FaultDescription f : op.faults()) {
                if (!faultDetails.has(f.name()) && f.faultInfoType() != null) {
                    faultDetails.set(f.name(), type(f.faultInfoType(), types));
                }
            }
        }
        root.set("faultDetails", faultDetails);
        root.set("types", types);
        return root;
    }

    /** The operations of a contract, their data contracts added to {@code types}. */
    private ArrayNode operations(ContractDescription contract, ObjectNode types) {
        ArrayNode out = mapper.createArrayNode();
        for (OperationDescription op : contract.operations()) {
            ObjectNode o = out.addObject();
            o.put("name", op.name());
            o.put("oneWay", op.oneWay());
            ArrayNode parameters = o.putArray("parameters");
            for (ParameterDescription p : op.parameters()) {
                ObjectNode param = parameters.addObject();
                param.put("name", p.name());
                param.set("type", type(p.genericType(), types));
            }
            if (op.hasResult()) {
                o.set("returns", type(op.genericReturnType(), types));
            }
            ArrayNode faults = o.putArray("faults");
            for (FaultDescription f : op.faults()) {
                faults.add(f.name());
            }
        }
        return out;
    }

    private ObjectNode type(Type type, ObjectNode types) {
        return type(mapper.getTypeFactory().constructType(type), types, 0);
    }

    /**
     * A type's kind in the description: {@code list}, {@code string}, {@code decimal}, {@code integer}, {@code number},
     * {@code boolean}, {@code date-time}, {@code date}, {@code enum}, {@code any} or {@code object}. Error messages name
     * kinds too ({@link DataContractErrors}), so there is one place that says which Java types are which.
     */
    static String kind(JavaType t) {
        Class<?> c = t.getRawClass();
        if (t.isCollectionLikeType() || t.isArrayType()) {
            return "list";
        } else if (c == String.class || c == char.class || c == Character.class) {
            return "string";
        } else if (c == BigDecimal.class) {
            return "decimal";
        } else if (c == long.class || c == Long.class || c == int.class || c == Integer.class || c == short.class
                || c == Short.class || c == byte.class || c == Byte.class || c == BigInteger.class) {
            return "integer";
        } else if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return "number";
        } else if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        } else if (c == Instant.class || c == OffsetDateTime.class || c == LocalDateTime.class) {
            return "date-time";
        } else if (c == LocalDate.class) {
            return "date";
        } else if (c.isEnum()) {
            return "enum";
        } else if (t.isMapLikeType() || c == Object.class || c.getName().startsWith("java.")) {
            return "any";
        }
        return "object";
    }

    /** An enum's values as they are on the wire (their {@code @XmlEnumValue}, else their names). */
    static ArrayNode enumValues(ObjectMapper mapper, Class<?> c) {
        ArrayNode values = mapper.createArrayNode();
        for (Object constant : c.getEnumConstants()) {
            values.add(mapper.valueToTree(constant));
        }
        return values;
    }

    private ObjectNode type(JavaType t, ObjectNode types, int depth) {
        ObjectNode n = mapper.createObjectNode();
        Class<?> c = t.getRawClass();
        String kind = kind(t);
        if (kind.equals("object") && depth > 32) {
            kind = "any";
        }
        n.put("kind", kind);
        if (kind.equals("list")) {
            n.set("items", type(t.getContentType(), types, depth + 1));
        } else if (kind.equals("enum")) {
            n.set("values", enumValues(mapper, c));
        } else if (kind.equals("object")) {
            String name = c.getSimpleName();
            n.put("ref", name);
            if (!types.has(name)) {
                ObjectNode object = types.putObject(name);   // before the fields: a type may contain itself
                object.put("kind", "object");
                ArrayNode fields = object.putArray("fields");
                ClassIntrospector introspector = mapper.deserializationConfig().classIntrospectorInstance();
                for (BeanPropertyDefinition p : introspector.introspectForDeserialization(t,
                        introspector.introspectClassAnnotations(t)).findProperties()) {
                    if (p.couldDeserialize() || p.hasConstructorParameter()) {
                        ObjectNode f = fields.addObject();
                        f.put("name", p.getName());
                        f.set("type", type(p.getPrimaryType(), types, depth + 1));
                    }
                }
            }
        }
        return n;
    }
}
