package io.wcf4j.binding.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.http.MessageTooLargeException;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.model.ParameterSource;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Deadlines;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import io.wcf4j.spi.ErrorTexts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.jersey.process.Inflector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one operation: reads path, query and header parameters and the JSON body into the operation's
 * arguments, runs the Invocation through the Dispatcher and writes the result or a problem document.
 */
final class OperationHandler implements Inflector<ContainerRequestContext, Response> {
    private static final Logger log = LoggerFactory.getLogger(OperationHandler.class);
    private static final Pattern LOCATION_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final OperationDescription op;
    private final Dispatcher dispatcher;
    private final ObjectMapper mapper;

    OperationHandler(OperationDescription op, Dispatcher dispatcher, ObjectMapper mapper) {
        this.op = op;
        this.dispatcher = dispatcher;
        this.mapper = mapper;
    }

    @Override
    public Response apply(ContainerRequestContext request) {
        Object[] args;
        InvocationContext ctx;
        try {
            args = readArguments(request);
            ctx = context(request);
        } catch (BadRequest e) {
            log.warn("refused a {} {} request: {}", op.rest().httpMethod(), request.getUriInfo().getPath(), e.getMessage());
            ObjectNode p = Problems.error(mapper, e.code, e.getMessage());
            if (e.field != null) {
                p.put("field", e.field);
            }
            return Problems.response(mapper, p);
        }
        Invocation invocation = new Invocation(op, args, ctx);
        Outcome outcome = op.oneWay() ? dispatcher.dispatchOneWay(invocation) : dispatcher.dispatch(invocation);
        return switch (outcome.kind()) {
            case VALUE -> success(request, outcome.value());
            case FAULT -> Problems.response(mapper, Problems.fault(mapper, outcome.faultDescription(), outcome.fault()));
            case ERROR -> Problems.response(mapper, Problems.error(mapper, outcome.errorCode(), outcome.errorMessage()));
        };
    }

    private Response success(ContainerRequestContext request, Object value) {
        int status = op.rest().successStatus();
        if (!op.hasResult() || status == 202 || status == 204) {
            return Response.status(status).build();
        }
        try {
            Response.ResponseBuilder b = Response.status(status).type("application/json").entity(mapper.writeValueAsBytes(value));
            if (!op.rest().location().isEmpty() && value != null) {
                b.location(location(request, value));
            }
            return b.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result of " + op.name(), e);
        }
    }

    private URI location(ContainerRequestContext request, Object value) {
        JsonNode tree = mapper.valueToTree(value);
        Matcher m = LOCATION_VARIABLE.matcher(op.rest().location());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            JsonNode v = tree.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v.asText()));
        }
        m.appendTail(sb);
        URI base = request.getUriInfo().getBaseUri();
        return base.resolve(sb.toString());
    }

    private InvocationContext context(ContainerRequestContext request) throws BadRequest {
        InvocationContext.Builder b = InvocationContext.builder().bindingType(RestJsonBinding.TYPE);
        for (Map.Entry<String, List<String>> h : request.getHeaders().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        try {
            b.deadline(Deadlines.fromTimeoutHeader(request.getHeaderString(CommonSettings.TIMEOUT_HEADER)));
        } catch (ServiceException e) {
            throw new BadRequest(e.getMessage(), CommonSettings.TIMEOUT_HEADER);
        }
        if (request.getSecurityContext() != null && request.getSecurityContext().getUserPrincipal() != null) {
            b.principal(request.getSecurityContext().getUserPrincipal());
        }
        return b.build();
    }

    private Object[] readArguments(ContainerRequestContext request) throws BadRequest {
        Object[] args = new Object[op.parameters().size()];
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (ParameterDescription p : op.parameters()) {
            String raw = switch (p.source()) {
                case PATH -> path.getFirst(p.restName());
                case QUERY -> query.getFirst(p.restName());
                case HEADER -> request.getHeaderString(p.restName());
                case BODY -> null;
            };
            if (p.source() != ParameterSource.BODY) {
                args[p.index()] = scalar(p, raw);
            }
        }
        if (op.rest().bodyParameters().isEmpty()) {
            return args;
        }
        byte[] body = readBody(request);
        if (body.length == 0) {
            if (!op.rest().bareBody()) {
                for (ParameterDescription p : op.rest().bodyParameters()) {
                    args[p.index()] = defaultValue(p);
                }
            }
            return args;
        }
        String contentType = request.getHeaderString("Content-Type");
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new BadRequest("request body must be application/json, was " + contentType, null);
        }
        if (op.rest().bareBody()) {
            ParameterDescription p = op.rest().bodyParameters().get(0);
            try {
                args[p.index()] = mapper.readerFor(JsonCodec.type(mapper, p.genericType())).readValue(body);
            } catch (IOException e) {
                throw badJson(e, null);
            }
            return args;
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            throw badJson(e, null);
        }
        if (!tree.isObject()) {
            throw new BadRequest("request body must be a JSON object with the fields "
                    + op.rest().bodyParameters().stream().map(ParameterDescription::name).toList(), null);
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (op.rest().bodyParameters().stream().noneMatch(p -> p.name().equals(field))) {
                throw new BadRequest("unknown field '" + field + "'; operation " + op.name() + " takes "
                        + op.rest().bodyParameters().stream().map(ParameterDescription::name).toList(), field);
            }
        }
        for (ParameterDescription p : op.rest().bodyParameters()) {
            JsonNode v = tree.get(p.name());
            if (v == null || v.isNull()) {
                args[p.index()] = defaultValue(p);
                continue;
            }
            try {
                args[p.index()] = mapper.readerFor(JsonCodec.type(mapper, p.genericType())).readValue(v);
            } catch (IOException e) {
                throw badJson(e, p.name());
            }
        }
        return args;
    }

    private Object defaultValue(ParameterDescription p) throws BadRequest {
        if (p.type().isPrimitive()) {
            throw new BadRequest("field '" + p.name() + "' is required", p.name());
        }
        return null;
    }

    private Object scalar(ParameterDescription p, String raw) throws BadRequest {
        if (raw == null) {
            if (p.type().isPrimitive()) {
                throw new BadRequest(p.source().name().toLowerCase(java.util.Locale.ROOT) + " parameter '"
                        + p.restName() + "' is required", p.restName());
            }
            return null;
        }
        try {
            return JsonCodec.parseScalar(mapper, raw, p.type());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(p.source().name().toLowerCase(java.util.Locale.ROOT) + " parameter '" + p.restName()
                    + "': '" + ErrorTexts.truncate(raw) + "' is not a valid " + p.type().getSimpleName(), p.restName());
        }
    }

    private static byte[] readBody(ContainerRequestContext request) throws BadRequest {
        try (InputStream in = request.getEntityStream()) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            MessageTooLargeException tooLarge = MessageTooLargeException.find(e);
            if (tooLarge != null) {
                throw new BadRequest(FaultCode.MESSAGE_TOO_LARGE, "request body larger than the limit of "
                        + tooLarge.limit() + " bytes", null);
            }
            throw new BadRequest("request body could not be read: " + e.getMessage(), null);
        }
    }

    private static BadRequest badJson(IOException e, String parameter) {
        MessageTooLargeException tooLarge = MessageTooLargeException.find(e);
        if (tooLarge != null) {
            return new BadRequest(FaultCode.MESSAGE_TOO_LARGE, "request body larger than the limit of "
                    + tooLarge.limit() + " bytes", null);
        }
        String field = parameter;
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder(parameter == null ? "" : parameter);
            for (JsonMappingException.Reference r : jme.getPath()) {
                if (r.getFieldName() != null) {
                    sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    sb.append('[').append(r.getIndex()).append(']');
                }
            }
            field = sb.toString();
        }
        String what = e instanceof UnrecognizedPropertyException ? "unknown field"
                : e instanceof JsonMappingException ? "wrong type or value" : "malformed JSON";
        String original = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String position = "";
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null && !(e instanceof JsonMappingException)) {
            position = " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
        }
        String msg = (field == null || field.isEmpty() ? what : what + " in field '" + field + "'") + position
                + ": " + ErrorTexts.firstLine(original);
        return new BadRequest(msg, field == null || field.isEmpty() ? null : field);
    }


    /** A request that cannot become an invocation. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final FaultCode code;
        final String field;

        BadRequest(String message, String field) {
            this(FaultCode.INVALID_ARGUMENT, message, field);
        }

        BadRequest(FaultCode code, String message, String field) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }
}
