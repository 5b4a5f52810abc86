package io.wcf4j.binding.rest;

import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an OpenAPI 3.0 document from contract models: what the REST binding actually accepts and answers,
 * derived from the same model and the same JSON mapping as the wire, so the document cannot disagree with it.
 */
final class OpenApiGenerator {
    private final ObjectMapper mapper;
    private final ObjectNode root;
    private final ObjectNode paths;
    private final ObjectNode schemas;
    private final Set<String> operationIds = new HashSet<>();

    OpenApiGenerator(ObjectMapper mapper, String serverUrl) {
        this.mapper = mapper;
        this.root = mapper.createObjectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", "wcf4j REST endpoints");
        info.put("version", "1");
        info.put("description", "JSON over HTTP endpoints of this host. Faults are RFC 9457 problem documents.");
        root.putArray("servers").addObject().put("url", serverUrl);
        this.paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        this.schemas = components.putObject("schemas");
        problemSchema();
    }

    /** Adds the operations of an endpoint served at {@code endpointPath} (e.g. {@code /api/ledger}). */
    void addEndpoint(String endpointName, String endpointPath, ContractDescription contract) {
        for (RestOperation rest : RestContract.of(contract).operations()) {
            OperationDescription op = rest.operation();
            String path = endpointPath + (rest.path().isEmpty() ? "" : "/" + rest.path());
            ObjectNode pathItem = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            ObjectNode o = pathItem.putObject(rest.httpMethod().toLowerCase(java.util.Locale.ROOT));
            String id = operationIds.add(op.name()) ? op.name() : endpointName + "_" + op.name();
            operationIds.add(id);
            o.put("operationId", id);
            o.putArray("tags").add(endpointName);
            o.put("summary", contract.name() + "." + op.name() + (op.oneWay() ? " (one-way: accepted, run later)" : ""));
            ArrayNode params = mapper.createArrayNode();
            for (RestParameter p : rest.parameters()) {
                if (p.source() == RestParameter.Source.BODY) {
                    continue;
                }
                ObjectNode pn = params.addObject();
                pn.put("name", p.restName());
                pn.put("in", p.source().name().toLowerCase(java.util.Locale.ROOT));
                // the contract's name of the parameter (@WebParam), which a client without the classes calls it by
                pn.put("x-wcf4j-parameter", p.name());
                pn.put("required", p.source() == RestParameter.Source.PATH || p.type().isPrimitive());
                pn.set("schema", schema(mapper.constructType(p.genericType())));
            }
            if (!params.isEmpty()) {
                o.set("parameters", params);
            }
            if (!rest.bodyParameters().isEmpty()) {
                ObjectNode body = o.putObject("requestBody");
                body.put("required", rest.bareBody());
                ObjectNode s;
                if (rest.bareBody()) {
                    s = schema(mapper.constructType(rest.bodyParameters().get(0).genericType()));
                } else {
                    s = mapper.createObjectNode();
                    s.put("type", "object");
                    s.put("additionalProperties", false);
                    ObjectNode props = s.putObject("properties");
                    ArrayNode required = mapper.createArrayNode();
                    for (RestParameter p : rest.bodyParameters()) {
                        props.set(p.name(), schema(mapper.constructType(p.genericType())));
                        if (p.type().isPrimitive()) {
                            required.add(p.name());
                        }
                    }
                    if (!required.isEmpty()) {
                        s.set("required", required);
                    }
                }
                body.putObject("content").putObject("application/json").set("schema", s);
            }
            ObjectNode responses = o.putObject("responses");
            ObjectNode ok = responses.putObject(Integer.toString(rest.successStatus()));
            ok.put("description", op.oneWay() ? "Accepted" : "Success");
            if (op.hasResult() && rest.successStatus() != 204) {
                ok.putObject("content").putObject("application/json")
                        .set("schema", schema(mapper.constructType(op.genericReturnType())));
            }
            if (!rest.location().isEmpty()) {
                ok.putObject("headers").putObject("Location").put("description", "the created resource")
                        .putObject("schema").put("type", "string");
            }
            for (FaultDescription f : op.faults()) {
                String status = Integer.toString(f.httpStatus());
                ObjectNode r = responses.has(status) ? (ObjectNode) responses.get(status) : responses.putObject(status);
                String description = r.has("description") ? r.get("description").asString() + " or " + f.name() : f.name();
                r.put("description", description);
                schema(mapper.constructType(f.faultInfoType()));
                r.putObject("content").putObject(Problems.MEDIA_TYPE).putObject("schema").put("$ref", "#/components/schemas/Problem");
            }
            ObjectNode dflt = responses.putObject("default");
            dflt.put("description", "Framework error (invalid argument, too large, busy, internal ...)");
            dflt.putObject("content").putObject(Problems.MEDIA_TYPE).putObject("schema").put("$ref", "#/components/schemas/Problem");
        }
    }

    ObjectNode document() {
        return root;
    }

    private void problemSchema() {
        ObjectNode p = schemas.putObject("Problem");
        p.put("type", "object");
        p.put("description", "RFC 9457 problem. type is urn:wcf4j:fault:<Name> for a declared fault (its detail in "
                + "'fault') or urn:wcf4j:error:<CODE> for a framework error (its code in 'code').");
        ObjectNode props = p.putObject("properties");
        props.putObject("type").put("type", "string");
        props.putObject("title").put("type", "string");
        props.putObject("status").put("type", "integer");
        props.putObject("detail").put("type", "string");
        props.putObject("code").put("type", "string");
        props.putObject("field").put("type", "string");
        props.putObject("fault").put("type", "object");
    }

    private ObjectNode schema(JavaType t) {
        ObjectNode s = mapper.createObjectNode();
        Class<?> c = t.getRawClass();
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            s.put("type", "integer").put("format", "int32");
        } else if (c == long.class || c == Long.class) {
            s.put("type", "integer").put("format", "int64");
        } else if (c == BigInteger.class) {
            s.put("type", "integer");
        } else if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            s.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c == String.class || c == char.class || c == Character.class) {
            s.put("type", "string");
        } else if (c == UUID.class) {
            s.put("type", "string").put("format", "uuid");
        } else if (c == LocalDate.class) {
            s.put("type", "string").put("format", "date");
        } else if (Temporal.class.isAssignableFrom(c) || Date.class.isAssignableFrom(c)) {
            s.put("type", "string").put("format", "date-time");
        } else if (c.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object v : c.getEnumConstants()) {
                values.add(mapper.convertValue(v, String.class));
            }
        } else if (t.isArrayType() || Collection.class.isAssignableFrom(c)) {
            s.put("type", "array");
            s.set("items", schema(t.getContentType()));
        } else if (Map.class.isAssignableFrom(c)) {
            s.put("type", "object");
            s.set("additionalProperties", schema(t.getContentType()));
        } else {
            String name = c.getSimpleName();
            if (!schemas.has(name)) {
                ObjectNode def = schemas.putObject(name);
                def.put("type", "object");
                ObjectNode props = def.putObject("properties");
                ClassIntrospector introspector = mapper.serializationConfig().classIntrospectorInstance();
                BeanDescription bd = introspector.introspectForSerialization(t, introspector.introspectClassAnnotations(t));
                List<BeanPropertyDefinition> properties = bd.findProperties();
                for (BeanPropertyDefinition p : properties) {
                    props.set(p.getName(), schema(p.getPrimaryType()));
                }
            }
            s.put("$ref", "#/components/schemas/" + name);
        }
        return s;
    }
}
