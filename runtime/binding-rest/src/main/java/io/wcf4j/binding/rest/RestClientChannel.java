package io.wcf4j.binding.rest;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.http.HttpTls;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.ErrorTexts;
import io.wcf4j.spi.SecuritySettings;
import io.wcf4j.spi.WireTap;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.client.ClientProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client half of {@code rest-json}: a Jersey client that makes each call from the contract model
 * (path, query and header parameters, the JSON body) and turns problem documents back into the declared
 * fault or a {@link ServiceException} with the same code the server used.
 */
final class RestClientChannel implements ClientChannel {
    private final ObjectMapper mapper = JsonCodec.newMapper();
    private final Client client;
    private final WebTarget base;
    private final RestContract contract;
    private final String address;
    private final long maxReply;
    /** The client's wire tap, or null: it gets each request body and reply body as sent and read. */
    private final WireTap tap;
    private final EndpointInfo endpoint;

    RestClientChannel(ChannelContext context) {
        this.tap = context.wireTap();
        this.endpoint = context.calledEndpoint();
        Duration timeout = context.settings().get(CommonSettings.SEND_TIMEOUT);
        this.contract = RestContract.of(context.contract());
        this.address = context.address().toString();
        this.maxReply = context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes();
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(Math.min(timeout.toMillis(), 10_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        SecuritySettings.TlsMaterial tls = HttpTls.material(context.address(), context.settings(), "client of " + address, false);
        if (tls != null) {
            builder.sslContext(HttpTls.clientContext(tls));
            if (!tls.verifyHostname()) {
                builder.hostnameVerifier((host, session) -> true);
            }
        }
        this.client = builder.build();
        this.base = client.target(context.address().uri());
    }

    @Override
    public Object invoke(ClientCall call) throws Exception {
        OperationDescription op = call.operation();
        RestOperation rest = contract.operation(op);
        Object[] args = call.arguments();
        WebTarget target = rest.path().isEmpty() ? base : base.path(rest.path());
        Map<String, Object> pathValues = new HashMap<>();
        for (RestParameter p : rest.parameters()) {
            Object v = args[p.index()];
            switch (p.source()) {
                case PATH -> {
                    if (v == null) {
                        throw new ServiceException(FaultCode.INVALID_ARGUMENT, "path parameter '" + p.name() + "' is null");
                    }
                    pathValues.put(p.restName(), text(v));
                }
                case QUERY -> {
                    if (v != null) {
                        target = target.queryParam(p.restName(), text(v));
                    }
                }
                default -> {
                }
            }
        }
        if (!pathValues.isEmpty()) {
            target = target.resolveTemplates(pathValues);
        }
        Invocation.Builder request = target.request("application/json", Problems.MEDIA_TYPE)
                // this call's own time, not the channel's: it may be shorter (a call made from inside an operation)
                .property(ClientProperties.READ_TIMEOUT, (int) Math.max(1, Math.min(Integer.MAX_VALUE, call.timeRemaining().toMillis())));
        HttpMetadataCodec.write(call.metadata().build(), request::header);
        for (RestParameter p : rest.parameters()) {
            if (p.source() == RestParameter.Source.HEADER && args[p.index()] != null) {
                request = request.header(p.restName(), text(args[p.index()]));
            }
        }
        Entity<byte[]> entity = null;
        if (!rest.bodyParameters().isEmpty()) {
            Object body;
            if (rest.bareBody()) {
                body = args[rest.bodyParameters().get(0).index()];
            } else {
                ObjectNode o = mapper.createObjectNode();
                for (RestParameter p : rest.bodyParameters()) {
                    o.set(p.name(), mapper.valueToTree(args[p.index()]));
                }
                body = o;
            }
            entity = Entity.entity(mapper.writeValueAsBytes(body), "application/json");
        }
        if (tap != null) {
            tap.wholeMessage(endpoint, WireTap.Direction.SENT, rest.httpMethod() + " " + target.getUri(),
                    entity == null ? null : "application/json", entity == null ? new byte[0] : entity.getEntity());
        }
        Response response;
        try {
            response = entity == null ? request.method(rest.httpMethod()) : request.method(rest.httpMethod(), entity);
        } catch (ProcessingException e) {
            throw transportFailure(e, call);
        }
        try (response) {
            int status = response.getStatus();
            call.responseMetadata(HttpMetadataCodec.read(response.getStringHeaders()));
            byte[] bytes = response.hasEntity() ? readLimited(response) : new byte[0];
            if (tap != null) {
                tap.wholeMessage(endpoint, WireTap.Direction.RECEIVED, String.valueOf(status),
                        response.getMediaType() == null ? null : response.getMediaType().toString(), bytes);
            }
            if (status >= 200 && status < 300) {
                if (!op.hasResult() || bytes.length == 0) {
                    return null;
                }
                try {
                    return mapper.readerFor(JsonCodec.type(mapper, op.genericReturnType())).readValue(bytes);
                } catch (JacksonException e) {
                    // Jackson 3's exceptions are unchecked: answer an unreadable reply as the INTERNAL fault a
                    // (checked) Jackson 2 exception became in the proxy, not as a bare runtime exception
                    throw new ServiceException(FaultCode.INTERNAL, "unreadable reply to " + op.name() + ": "
                            + ErrorTexts.firstLine(e.getMessage()), e);
                }
            }
            throw failure(op, status, bytes);
        } catch (ProcessingException e) {
            throw transportFailure(e, call);
        }
    }

    /** The reply body, refused past this client's {@code max-received-message-size}. */
    private byte[] readLimited(Response response) throws IOException {
        try (java.io.InputStream in = response.readEntity(java.io.InputStream.class)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxReply + 1));
            if (bytes.length > maxReply) {
                throw new ServiceException(FaultCode.MESSAGE_TOO_LARGE, "reply from " + address
                        + " is larger than this client's limit of " + maxReply + " bytes");
            }
            return bytes;
        }
    }

    private Exception failure(OperationDescription op, int status, byte[] bytes) {
        JsonNode problem = null;
        try {
            problem = bytes.length == 0 ? null : mapper.readTree(bytes);
        } catch (JacksonException e) {
            // not a problem document (a proxy's error page, say): fall back on the status
        }
        if (problem != null && problem.isObject()) {
            String type = problem.path("type").asString("");
            String detail = problem.path("detail").asString("HTTP " + status);
            if (type.startsWith(Problems.FAULT_TYPE_PREFIX)) {
                Optional<FaultDescription> fd = op.faultNamed(type.substring(Problems.FAULT_TYPE_PREFIX.length()));
                if (fd.isPresent()) {
                    try {
                        Object info = mapper.treeToValue(problem.get("fault"), fd.get().faultInfoType());
                        return fd.get().newException(detail, info);
                    } catch (JacksonException e) {
                        return new ServiceException(FaultCode.INTERNAL, "unreadable fault detail for " + type, e);
                    }
                }
            }
            String code = problem.path("code").asString(null);
            if (code != null) {
                try {
                    return new ServiceException(FaultCode.valueOf(code), detail);
                } catch (IllegalArgumentException e) {
                    // an unknown code from a newer server: the status still says enough
                }
            }
            return new ServiceException(FaultCode.fromHttpStatus(status), detail);
        }
        return new ServiceException(FaultCode.fromHttpStatus(status), "HTTP " + status + " from " + address);
    }

    private ServiceException transportFailure(ProcessingException e, ClientCall call) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SocketTimeoutException) {
                return new ServiceException(FaultCode.DEADLINE_EXCEEDED, "no reply from " + address + " within "
                        + call.timeout().toMillis() + " ms", e);
            }
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
                return new ServiceException(FaultCode.UNAVAILABLE, "cannot reach " + address + ": " + c.getMessage(), e);
            }
        }
        return new ServiceException(FaultCode.UNAVAILABLE, "call to " + address + " failed: " + e.getMessage(), e);
    }

    private String text(Object v) {
        return v instanceof String s ? s : mapper.convertValue(v, String.class);
    }

    @Override
    public void close() {
        client.close();
    }
}
