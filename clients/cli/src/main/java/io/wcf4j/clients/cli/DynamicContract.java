package io.wcf4j.clients.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import tools.jackson.databind.JsonNode;

/**
 * A contract interface made at run time from a published contract description (docs/wire-formats.md, "Contract
 * description"), for calling a service whose classes the CLI does not have: each operation a method of the same name
 * and parameter names whose values are JSON trees, each declared fault an exception whose fault info is a JSON tree.
 * A binding that writes its payload from the values as they are (net.tcp and net.pipe: CBOR, named as in JSON) calls
 * it like the real contract; the others need the real classes.
 */
final class DynamicContract {
    private static final String PACKAGE = "io/wcf4j/clients/cli/dynamic/";
    private static final String JSON_NODE = Type.getDescriptor(JsonNode.class);

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

    /** The interface for the description; its faults and it are defined in a class loader of their own. */
    static Class<?> define(JsonNode description) {
        return define(description, Map.of());
    }

    /** The same, with the REST mapping of each operation (by name) as JAX-RS annotations. */
    static Class<?> define(JsonNode description, Map<String, RestMapping> rest) {
        String name = identifier(description.path("name").asString("Contract"));
        String namespace = description.path("namespace").asString("");
        Loader loader = new Loader(DynamicContract.class.getClassLoader());
        Map<String, String> faults = new LinkedHashMap<>();
        for (JsonNode op : description.path("operations")) {
            for (JsonNode fault : op.path("faults")) {
                faults.computeIfAbsent(fault.asString(), f -> {
                    String internal = PACKAGE + name + "$" + identifier(f) + "Fault";
                    loader.define(internal, fault(internal, f, namespace));
                    return internal;
                });
            }
        }
        String internal = PACKAGE + name;
        return loader.define(internal, contract(internal, name, namespace, description, faults, rest));
    }

    /** The Java type a value of this kind is given as: simple values as themselves, anything else as a JSON tree. */
    private static String descriptor(JsonNode type) {
        return switch (type.path("kind").asString()) {
            case "string", "date", "date-time", "enum" -> "Ljava/lang/String;";
            case "integer" -> "Ljava/lang/Long;";
            case "decimal" -> "Ljava/math/BigDecimal;";
            case "number" -> "Ljava/lang/Double;";
            case "boolean" -> "Ljava/lang/Boolean;";
            default -> JSON_NODE;
        };
    }

    private static byte[] contract(String internal, String name, String namespace, JsonNode description, Map<String, String> faults,
                                   Map<String, RestMapping> rest) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT, internal, null, "java/lang/Object", null);
        AnnotationVisitor ws = cw.visitAnnotation("Ljakarta/jws/WebService;", true);
        ws.visit("name", name);
        ws.visit("targetNamespace", namespace);
        ws.visitEnd();
        for (JsonNode op : description.path("operations")) {
            boolean oneWay = op.path("oneWay").asBoolean();
            StringBuilder descriptor = new StringBuilder("(");
            op.path("parameters").forEach(p -> descriptor.append(descriptor(p.path("type"))));
            descriptor.append(')').append(oneWay ? "V" : JSON_NODE);
            String[] exceptions = new String[op.path("faults").size()];
            for (int i = 0; i < exceptions.length; i++) {
                exceptions[i] = faults.get(op.path("faults").get(i).asString());
            }
            String operation = op.path("name").asString();
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, identifier(operation), descriptor.toString(), null,
                    exceptions.length == 0 ? null : exceptions);
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

    /** {@code class X extends Exception { X(String message, JsonNode faultInfo); JsonNode getFaultInfo(); }}, a @WebFault. */
    private static byte[] fault(String internal, String faultName, String namespace) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internal, null, "java/lang/Exception", null);
        AnnotationVisitor wf = cw.visitAnnotation("Ljakarta/xml/ws/WebFault;", true);
        wf.visit("name", faultName);
        wf.visit("targetNamespace", namespace);
        wf.visitEnd();
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "faultInfo", JSON_NODE, null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Ljava/lang/String;" + JSON_NODE + ")V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 1);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Exception", "<init>", "(Ljava/lang/String;)V", false);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 2);
        init.visitFieldInsn(Opcodes.PUTFIELD, internal, "faultInfo", JSON_NODE);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor get = cw.visitMethod(Opcodes.ACC_PUBLIC, "getFaultInfo", "()" + JSON_NODE, null, null);
        get.visitCode();
        get.visitVarInsn(Opcodes.ALOAD, 0);
        get.visitFieldInsn(Opcodes.GETFIELD, internal, "faultInfo", JSON_NODE);
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
