package io.wcf4j.binding.jms;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.databind.DataContractErrors;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.security.Identity;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.ErrorTexts;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.PeerIdentity;
import java.io.ByteArrayOutputStream;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * An accepted one-way call as the journal stores it: one CBOR array of {@code [1, operation, endpoint, binding,
 * remote address, caller, [roles], {metadata}, arguments...]}, the arguments in the data contracts' CBOR form (as on
 * net.tcp). The caller is stored as the admit phase authenticated it, so the call runs as that caller; credentials
 * are never stored (the metadata keys that carry them are left out). Thread-safe.
 */
final class JournaledCalls {
    private static final int FORMAT = 1;
    /** Metadata that carries credentials: never written to the journal's disk. */
    private static final Set<String> CREDENTIAL_KEYS = Set.of(CallMetadata.AUTHORIZATION, "proxy-authorization", "cookie");
    private static final List<String> CREDENTIAL_WORDS = List.of("password", "secret", "token", "api-key", "apikey", "credential");

    private final ObjectMapper cbor = DataContractMapper.cbor();
    private final ObjectReader roles = cbor.readerFor(new TypeReference<List<String>>() { })
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final ObjectReader metadata = cbor.readerFor(new TypeReference<Map<String, List<String>>>() { })
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    byte[] encode(Invocation call) {
        InvocationContext context = call.context();
        OperationDescription op = call.operation();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = cbor.createGenerator(out)) {
            g.writeStartArray();
            g.writeNumber(FORMAT);
            g.writeString(op.name());
            g.writeString(context.endpointName());
            g.writeString(context.bindingType());
            writeNullable(g, context.remoteAddress());
            Principal caller = context.principal();
            writeNullable(g, caller == null ? null : caller.getName());
            cbor.writeValue(g, List.copyOf(new TreeSet<>(context.callerRoles())));
            cbor.writeValue(g, withoutCredentials(context.metadata()));
            Object[] args = call.arguments();
            for (int i = 0; i < op.parameters().size(); i++) {
                cbor.writeValue(g, args == null ? null : args[i]);
            }
            g.writeEndArray();
        } catch (JacksonException e) {
            throw new ServiceException(FaultCode.INTERNAL, "the arguments of " + op.name() + " cannot be stored: "
                    + ErrorTexts.firstLine(e.getMessage()));
        }
        return out.toByteArray();
    }

    private static void writeNullable(JsonGenerator g, String value) {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static Map<String, List<String>> withoutCredentials(CallMetadata metadata) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        metadata.asMap().forEach((key, values) -> {
            if (!carriesCredentials(key)) {
                kept.put(key, values);
            }
        });
        return kept;
    }

    static boolean carriesCredentials(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return CREDENTIAL_KEYS.contains(k) || CREDENTIAL_WORDS.stream().anyMatch(k::contains);
    }

    /**
     * The call a stored entry holds, of {@code service}'s contract.
     *
     * @throws ServiceException INVALID_ARGUMENT for an entry this contract cannot read (an operation or an argument
     *                          that changed since it was stored, or a damaged entry)
     */
    Invocation decode(String service, ContractDescription contract, byte[] entry) {
        try (JsonParser p = cbor.createParser(entry)) {
            if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != FORMAT) {
                throw unreadable("not a stored call of format " + FORMAT);
            }
            String name = string(p);
            OperationDescription op = contract.operation(name == null ? "" : name).orElseThrow(() -> unreadable(
                    "contract " + contract.name() + " has no operation '" + ErrorTexts.truncate(String.valueOf(name)) + "'"));
            String endpoint = string(p);
            String binding = string(p);
            String remote = string(p);
            String caller = string(p);
            p.nextToken();
            List<String> callerRoles = roles.readValue(p);
            p.nextToken();
            Map<String, List<String>> stored = metadata.readValue(p);
            Object[] args = new Object[op.parameters().size()];
            for (ParameterDescription param : op.parameters()) {
                if (p.nextToken() == JsonToken.END_ARRAY) {
                    throw unreadable(op.name() + " takes " + args.length + " arguments, the stored call has " + param.index());
                }
                args[param.index()] = p.currentToken() == JsonToken.VALUE_NULL ? null
                        : cbor.readerFor(cbor.getTypeFactory().constructType(param.genericType()))
                                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(p);
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw unreadable(op.name() + " takes " + args.length + " arguments, the stored call has more");
            }
            CallMetadata.Builder m = CallMetadata.builder();
            if (stored != null) {
                stored.forEach((key, values) -> values.forEach(v -> m.addIfValid(key, v)));
            }
            InvocationContext context = InvocationContext.builder(new EndpointInfo(service, orUnknown(endpoint), orUnknown(binding)))
                    .metadata(m.build()).peer(remote == null ? PeerIdentity.UNKNOWN : PeerIdentity.ofAddress(remote)).build();
            if (caller != null) {
                context.authenticate(new Identity.CallerPrincipal(caller), callerRoles == null ? Set.of() : Set.copyOf(callerRoles));
            }
            return new Invocation(op, args, context);
        } catch (JacksonException e) {
            throw unreadable(DataContractErrors.describe(e));
        }
    }

    private static String string(JsonParser p) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw unreadable("a text field is " + t);
        }
        return p.getString();
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }

    private static ServiceException unreadable(String why) {
        return new ServiceException(FaultCode.INVALID_ARGUMENT, "unreadable stored call: " + why);
    }
}
