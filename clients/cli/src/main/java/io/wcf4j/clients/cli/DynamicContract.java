package io.wcf4j.clients.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import tools.jackson.databind.JsonNode;

/**
 * A contract interface made at run time from a published contract description (docs/wire-formats.md, "Contract
 * description"), for calling a service whose classes the CLI does not have: each operation a method of the same name
 * and parameter names, each declared fault an exception with its fault info. Its values are either JSON trees, for
 * the bindings that write a payload from the values as they are (net.tcp and net.pipe: CBOR, named as in JSON; REST),
 * or classes made from the description's data contracts, for SOAP, whose JAXB needs a class to read and write. Those
 * classes follow the SOAP rule of docs/contracts.md: every element in the contract's namespace, qualified.
 */
final class DynamicContract {
    private static final String PACKAGE = "io/wcf4j/clients/cli/dynamic/";
    /** The data contracts' package: one without an {@code @XmlSchema}, so that the SOAP rule gives it its namespace. */
    private static final String TYPES_PACKAGE = PACKAGE + "types/";
    private static final String JSON_NODE = Type.getDescriptor(JsonNode.class);
    private static final JavaType JSON_TREE = new JavaType(JSON_NODE, null);

    /** How the contract's values are given to its binding. */
    enum Values {
        /** Simple values as themselves, anything else as a JSON tree. */
        JSON_TREES,
        /** Classes made from the description's data contracts, which JAXB reads and writes: for SOAP. */
        DATA_CLASSES
    }

    /** A Java type as a field, parameter or result has it: its descriptor, and its generic signature if it has one. */
    private record JavaType(String descriptor, String signature) {
        String signatureOrDescriptor() {
            return signature != null ? signature : descriptor;
        }
    }

    private DynamicContract() {
    }

    /**
     * How a REST endpoint maps an operation, from its OpenAPI document: HTTP method, path below the endpoint's own
     * path, and its path and query parameters by their contract names ({@code x-wcf4j-parameter}).
     */
    record RestMapping(String httpMethod, String path, Map<String, Param> parameters) {
        /** A path or query parameter: where it goes and its name there. */
        record Param(String in, String restName) {
        }
    }

    /** The interface for the description, its values as JSON trees; its faults and it are defined in a class loader of their own. */
    static Class<?> define(JsonNode description) {
        return define(description, Map.of(), Values.JSON_TREES);
    }

    /**
     * The same, with the REST mapping of each operation (by name) as JAX-RS annotations, and its values as given.
     *
     * @throws IllegalArgumentException if a value of the description cannot be made a class (a list of lists)
     */
    static Class<?> define(JsonNode description, Map<String, RestMapping> rest, Values values) {
        String name = identifier(description.path("name").asString("Contract"));
        String namespace = description.path("namespace").asString("");
        Loader loader = new Loader(DynamicContract.class.getClassLoader());
        if (values == Values.DATA_CLASSES) {
            // all defined before any is loaded: they refer to each other, and a data contract may contain itself
            description.path("types").properties().forEach(t -> {
                if (t.getValue().path("kind").asString().equals("object")) {
                    String internal = TYPES_PACKAGE + identifier(t.getKey());
                    loader.define(internal, dataContract(internal, t.getKey(), t.getValue()));
                }
            });
        }
        Map<String, String> faults = new LinkedHashMap<>();
        for (JsonNode op : description.path("operations")) {
            for (JsonNode fault : op.path("faults")) {
                faults.computeIfAbsent(fault.asString(), f -> {
                    String internal = PACKAGE + name + "$" + identifier(f) + "Fault";
                    JsonNode detail = description.path("faultDetails").path(f);
                    JavaType info = values == Values.JSON_TREES ? JSON_TREE
                            : detail.isMissingNode() ? new JavaType("Ljava/lang/Object;", null) : dataType(detail);
                    loader.define(internal, fault(internal, f, namespace, info));
                    return internal;
                });
            }
        }
        String internal = PACKAGE + name;
        return loader.define(internal, contract(internal, name, namespace, description, faults, rest, values));
    }

    /** The Java type a value of this kind is given as: simple values as themselves, anything else as a JSON tree. */
    private static JavaType jsonType(JsonNode type) {
        JavaType simple = simpleType(type);
        return simple != null ? simple : JSON_TREE;
    }

    private static JavaType simpleType(JsonNode type) {
        String descriptor = switch (type.path("kind").asString()) {
            // JAXB writes and reads them as the text they are
            case "string", "date", "date-time", "enum" -> "Ljava/lang/String;";
            case "integer" -> "Ljava/lang/Long;";
            case "decimal" -> "Ljava/math/BigDecimal;";
            case "number" -> "Ljava/lang/Double;";
            case "boolean" -> "Ljava/lang/Boolean;";
            default -> null;
        };
        return descriptor == null ? null : new JavaType(descriptor, null);
    }

    /** The Java type a value of this kind is as a made data class: simple values as themselves, lists as lists. */
    private static JavaType dataType(JsonNode type) {
        JavaType simple = simpleType(type);
        if (simple != null) {
            return simple;
        }
        return switch (type.path("kind").asString()) {
            case "object" -> new JavaType("L" + TYPES_PACKAGE + identifier(type.path("ref").asString()) + ";", null);
            case "list" -> {
                JavaType item = dataType(type.path("items"));
                if (item.signature() != null) {
                    throw new IllegalArgumentException("a list of lists has no class that SOAP's JAXB can read and write");
                }
                yield new JavaType("Ljava/util/List;", "Ljava/util/List<" + item.descriptor() + ">;");
            }
            // xs:anyType: JAXB reads it as an XML element
            default -> new JavaType("Ljava/lang/Object;", null);
        };
    }

    /**
     * {@code @XmlAccessorType(FIELD) @XmlType(name, propOrder) public class T { @XmlElement(name) public V field; ... }}:
     * the data contract's fields in the description's order, each named as on the wire.
     */
    private static byte[] dataContract(String internal, String typeName, JsonNode type) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internal, null, "java/lang/Object", null);
        AnnotationVisitor access = cw.visitAnnotation("Ljakarta/xml/bind/annotation/XmlAccessorType;", true);
        access.visitEnum("value", "Ljakarta/xml/bind/annotation/XmlAccessType;", "FIELD");
        access.visitEnd();
        AnnotationVisitor xmlType = cw.visitAnnotation("Ljakarta/xml/bind/annotation/XmlType;", true);
        xmlType.visit("name", typeName);
        AnnotationVisitor order = xmlType.visitArray("propOrder");
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode f : type.path("fields")) {
            String field = identifier(f.path("name").asString());
            if (fields.putIfAbsent(field, f.path("name").asString()) == null) {
                order.visit(null, field);
            }
        }
        order.visitEnd();
        xmlType.visitEnd();
        for (JsonNode f : type.path("fields")) {
            String field = identifier(f.path("name").asString());
            if (!fields.containsKey(field)) {
                continue;
            }
            JavaType t = dataType(f.path("type"));
            FieldVisitor fv = cw.visitField(Opcodes.ACC_PUBLIC, field, t.descriptor(), t.signature(), null);
            AnnotationVisitor element = fv.visitAnnotation("Ljakarta/xml/bind/annotation/XmlElement;", true);
            element.visit("name", fields.remove(field));
            element.visitEnd();
            fv.visitEnd();
        }
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static byte[] contract(String internal, String name, String namespace, JsonNode description, Map<String, String> faults,
                                   Map<String, RestMapping> rest, Values values) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT, internal, null, "java/lang/Object", null);
        AnnotationVisitor ws = cw.visitAnnotation("Ljakarta/jws/WebService;", true);
        ws.visit("name", name);
        ws.visit("targetNamespace", namespace);
        ws.visitEnd();
        for (JsonNode op : description.path("operations")) {
            boolean oneWay = op.path("oneWay").asBoolean();
            StringBuilder descriptor = new StringBuilder("(");
            StringBuilder signature = new StringBuilder("(");
            boolean generic = false;
            for (JsonNode p : op.path("parameters")) {
                JavaType t = values == Values.JSON_TREES ? jsonType(p.path("type")) : dataType(p.path("type"));
                descriptor.append(t.descriptor());
                signature.append(t.signatureOrDescriptor());
                generic |= t.signature() != null;
            }
            JavaType result = oneWay || (values == Values.DATA_CLASSES && !op.has("returns")) ? new JavaType("V", null)
                    : values == Values.JSON_TREES ? JSON_TREE : dataType(op.path("returns"));
            descriptor.append(')').append(result.descriptor());
            signature.append(')').append(result.signatureOrDescriptor());
            generic |= result.signature() != null;
            String[] exceptions = new String[op.path("faults").size()];
            for (int i = 0; i < exceptions.length; i++) {
                exceptions[i] = faults.get(op.path("faults").get(i).asString());
            }
            String operation = op.path("name").asString();
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, identifier(operation), descriptor.toString(),
                    generic ? signature.toString() : null, exceptions.length == 0 ? null : exceptions);
            AnnotationVisitor wm = mv.visitAnnotation("Ljakarta/jws/WebMethod;", true);
            wm.visit("operationName", operation);
            wm.visitEnd();
            if (oneWay) {
                mv.visitAnnotation("Ljakarta/jws/Oneway;", true).visitEnd();
            }
            RestMapping mapping = rest.get(operation);
            if (mapping != null) {
                mv.visitAnnotation("Ljakarta/ws/rs/" + mapping.httpMethod() + ";", true).visitEnd();
                AnnotationVisitor path = mv.visitAnnotation("Ljakarta/ws/rs/Path;", true);
                path.visit("value", mapping.path());
                path.visitEnd();
            }
            int i = 0;
            for (JsonNode p : op.path("parameters")) {
                String parameter = p.path("name").asString();
                AnnotationVisitor wp = mv.visitParameterAnnotation(i, "Ljakarta/jws/WebParam;", true);
                wp.visit("name", parameter);
                wp.visitEnd();
                RestMapping.Param where = mapping == null ? null : mapping.parameters().get(parameter);
                if (where != null) {
                    AnnotationVisitor rp = mv.visitParameterAnnotation(i, where.in().equals("path") ? "Ljakarta/ws/rs/PathParam;"
                            : "Ljakarta/ws/rs/QueryParam;", true);
                    rp.visit("value", where.restName());
                    rp.visitEnd();
                }
                i++;
            }
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code class X extends Exception { X(String message, I faultInfo); I getFaultInfo(); }}, a @WebFault. */
    private static byte[] fault(String internal, String faultName, String namespace, JavaType info) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internal, null, "java/lang/Exception", null);
        AnnotationVisitor wf = cw.visitAnnotation("Ljakarta/xml/ws/WebFault;", true);
        wf.visit("name", faultName);
        wf.visit("targetNamespace", namespace);
        wf.visitEnd();
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "faultInfo", info.descriptor(), null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Ljava/lang/String;" + info.descriptor() + ")V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 1);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Exception", "<init>", "(Ljava/lang/String;)V", false);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 2);
        init.visitFieldInsn(Opcodes.PUTFIELD, internal, "faultInfo", info.descriptor());
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor get = cw.visitMethod(Opcodes.ACC_PUBLIC, "getFaultInfo", "()" + info.descriptor(), null, null);
        get.visitCode();
        get.visitVarInsn(Opcodes.ALOAD, 0);
        get.visitFieldInsn(Opcodes.GETFIELD, internal, "faultInfo", info.descriptor());
        get.visitInsn(Opcodes.ARETURN);
        get.visitMaxs(0, 0);
        get.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Whether the class was made here from a description. */
    static boolean isDynamic(Class<?> type) {
        return type.getClassLoader() instanceof Loader;
    }

    /** A name as a Java identifier: what the description says is data, not code. */
    private static String identifier(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            char c = s.charAt(i);
            sb.append(i == 0 ? (Character.isJavaIdentifierStart(c) ? c : '_') : (Character.isJavaIdentifierPart(c) ? c : '_'));
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }

    /** Defines the generated classes; everything else comes from the CLI's own class loader. */
    private static final class Loader extends ClassLoader {
        Loader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String internal, byte[] bytes) {
            return defineClass(internal.replace('/', '.'), bytes, 0, bytes.length);
        }
    }
}
