package io.wcf4j.binding.rest;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.databind.DataContractErrors;
import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.http.MessageTooLargeException;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.ErrorTexts;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Refusal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.jersey.process.Inflector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves one operation: reads path, query and header parameters and the JSON body into the operation's
 * arguments and the headers into the call's metadata, runs the Invocation through the Dispatcher and writes the
 * result or a problem document, with the response metadata as headers. A request that cannot become an
 * invocation is answered with a problem and reported to the Dispatcher as a refusal.
 */
final class OperationHandler implements Inflector<ContainerRequestContext, Response> {
    private static final Logger log = LoggerFactory.getLogger(OperationHandler.class);
    private static final Pattern LOCATION_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final RestOperation rest;
    private final OperationDescription op;
    private final ListenContext context;
    private final Dispatcher dispatcher;
    private final ObjectMapper mapper;

    OperationHandler(RestOperation rest, ListenContext context, ObjectMapper mapper) {
        this.rest = rest;
        this.op = rest.operation();
        this.context = context;
        this.dispatcher = context.dispatcher();
        this.mapper = mapper;
    }

    @Override
    public Response apply(ContainerRequestContext request) {
        // this request reached an operation: Jersey's own refusals are reported elsewhere (RefusalReporter)
        request.setProperty(RefusalReporter.REPORTED, Boolean.TRUE);
        PeerIdentity peer = RefusalReporter.peer(request);
        if (peer.verifiedPrincipal() == null && request.getSecurityContext() != null
                && request.getSecurityContext().getUserPrincipal() != null) {
            // a JAX-RS security filter of the application's own verified the caller
            peer = peer.withVerifiedPrincipal(request.getSecurityContext().getUserPrincipal());
        }
        CallMetadata metadata = CallMetadata.EMPTY;
        Object[] args;
        try {
            metadata = metadata(request);
            args = readArguments(request);
        } catch (BadRequest e) {
            log.warn("refused a {} {} request from {}: {}", rest.httpMethod(), ErrorTexts.forLog(request.getUriInfo().getPath()),
                    peer.remoteAddress(), ErrorTexts.forLog(e.getMessage()));
            ObjectNode p = Problems.error(mapper, e.code, e.getMessage());
            if (e.field != null) {
                p.put("field", e.field);
            }
            dispatcher.refused(new Refusal(op.name(), context.newContext().metadata(metadata).peer(peer).build(),
                    Outcome.error(e.code, e.getMessage())));
            return Problems.response(mapper, p, CallMetadata.EMPTY);
        }
        Invocation invocation = new Invocation(op, args, context.newContext().metadata(metadata).peer(peer).build());
        Outcome outcome = Dispatcher.await(op.oneWay() ? dispatcher.dispatchOneWay(invocation) : dispatcher.dispatch(invocation),
                metadata.deadline());
        return switch (outcome.kind()) {
            case VALUE -> success(request, outcome);
            case FAULT -> Problems.response(mapper, Problems.fault(mapper, outcome.faultDescription(), outcome.fault()),
                    outcome.metadata());
            case ERROR -> Problems.response(mapper, Problems.error(mapper, outcome.errorCode(), outcome.errorMessage()),
                    outcome.metadata());
        };
    }

    private Response success(ContainerRequestContext request, Outcome outcome) {
        int status = rest.successStatus();
        Object value = outcome.value();
        Response.ResponseBuilder b = Response.status(status);
        HttpMetadataCodec.write(outcome.metadata(), b::header);
        if (!op.hasResult() || status == 202 || status == 204) {
            return b.build();
        }
        try {
            b.type("application/json").entity(mapper.writeValueAsBytes(value));
            if (!rest.location().isEmpty() && value != null) {
                b.location(location(request, value));
            }
            return b.build();
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the result of " + op.name(), e);
        }
    }

    private URI location(ContainerRequestContext request, Object value) {
        JsonNode tree = mapper.valueToTree(value);
        Matcher m = LOCATION_VARIABLE.matcher(rest.location());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            JsonNode v = tree.get(m.group(1));
            // as Jackson 2's asText() had it: a null is "null", an object or array nothing
            String text = v == null || v.isContainer() ? "" : v.isNull() ? "null" : v.asString();
            m.appendReplacement(sb, Matcher.quoteReplacement(text));
        }
        m.appendTail(sb);
        URI base = request.getUriInfo().getBaseUri();
        return base.resolve(sb.toString());
    }

    private static CallMetadata metadata(ContainerRequestContext request) throws BadRequest {
        MultivaluedMap<String, String> headers = request.getHeaders();
        try {
            return HttpMetadataCodec.read(headers.keySet(), headers::get);
        } catch (ServiceException e) {
            throw new BadRequest(e.getMessage(), CommonSettings.TIMEOUT_HEADER);
        }
    }

    private Object[] readArguments(ContainerRequestContext request) throws BadRequest {
        Object[] args = new Object[op.parameters().size()];
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (RestParameter p : rest.parameters()) {
            String raw = switch (p.source()) {
                case PATH -> path.getFirst(p.restName());
                case QUERY -> query.getFirst(p.restName());
                case HEADER -> request.getHeaderString(p.restName());
                case BODY -> null;
            };
            if (p.source() != RestParameter.Source.BODY) {
                args[p.index()] = scalar(p, raw);
            }
        }
        if (rest.bodyParameters().isEmpty()) {
            return args;
        }
        byte[] body = readBody(request);
        if (body.length == 0) {
            if (!rest.bareBody()) {
                for (RestParameter p : rest.bodyParameters()) {
                    args[p.index()] = defaultValue(p);
                }
            }
            return args;
        }
        String contentType = request.getHeaderString("Content-Type");
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new BadRequest("request body must be application/json, was " + contentType, null);
        }
        if (rest.bareBody()) {
            RestParameter p = rest.bodyParameters().get(0);
            try {
                args[p.index()] = mapper.readerFor(JsonCodec.type(mapper, p.genericType())).readValue(body);
            } catch (JacksonException e) {
                throw badJson(e, null);
            }
            return args;
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException e) {
            throw badJson(e, null);
        }
        if (!tree.isObject()) {
            throw new BadRequest("request body must be a JSON object with the fields "
                    + rest.bodyParameters().stream().map(RestParameter::name).toList(), null);
        }
        for (String field : tree.propertyNames()) {
            if (rest.bodyParameters().stream().noneMatch(p -> p.name().equals(field))) {
                throw new BadRequest("unknown field '" + field + "'; operation " + op.name() + " takes "
                        + rest.bodyParameters().stream().map(RestParameter::name).toList(), field);
            }
        }
        for (RestParameter p : rest.bodyParameters()) {
            JsonNode v = tree.get(p.name());
            if (v == null || v.isNull()) {
                args[p.index()] = defaultValue(p);
                continue;
            }
            try {
                args[p.index()] = mapper.readerFor(JsonCodec.type(mapper, p.genericType())).readValue(v);
            } catch (JacksonException e) {
                throw badJson(e, p.name());
            }
        }
        return args;
    }

    private Object defaultValue(RestParameter p) throws BadRequest {
        if (p.type().isPrimitive()) {
            throw new BadRequest("field '" + p.name() + "' is required", p.name());
        }
        return null;
    }

    private Object scalar(RestParameter p, String raw) throws BadRequest {
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
                    + "': '" + ErrorTexts.truncate(raw) + "' is not " + DataContractErrors.kind(p.type()), p.restName());
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

    private static BadRequest badJson(JacksonException e, String parameter) {
        MessageTooLargeException tooLarge = MessageTooLargeException.find(e);
        if (tooLarge != null) {
            return new BadRequest(FaultCode.MESSAGE_TOO_LARGE, "request body larger than the limit of "
                    + tooLarge.limit() + " bytes", null);
        }
        String path = DataContractErrors.path(e);
        String field = parameter == null ? path : path.isEmpty() ? parameter
                : parameter + (path.startsWith("[") ? "" : ".") + path;
        if (e instanceof UnrecognizedPropertyException u) {
            field = (field == null || field.isEmpty() ? "" : field + ".") + u.getPropertyName();
        }
        // in the contract's terms (DataContractErrors), never Jackson's own words, which name Java classes
        String msg;
        if (e instanceof UnrecognizedPropertyException) {
            msg = DataContractErrors.describe(e);
        } else if (e instanceof DatabindException) {
            msg = (field == null || field.isEmpty() ? "wrong type or value" : "wrong type or value in field '" + field + "'")
                    + ": " + DataContractErrors.describe(e);
        } else {
            String position = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            msg = "malformed JSON" + position + ": " + DataContractErrors.describe(e);
        }
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
