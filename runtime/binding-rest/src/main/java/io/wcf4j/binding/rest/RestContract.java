package io.wcf4j.binding.rest;

import io.wcf4j.annotation.RestResponse;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.InvalidContractException;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST mapping of a contract, from its JAX-RS annotations: for each operation, the HTTP method and path
 * template ({@code @GET}, {@code @POST} ..., {@code @Path} on the interface and the method), where each parameter
 * comes from ({@code @PathParam}, {@code @QueryParam}, {@code @HeaderParam}, else the JSON body) and the success
 * status ({@link RestResponse}). An operation without an HTTP method annotation is {@code POST <operationName>},
 * as WCF's {@code WebInvoke}.
 *
 * <p>Every REST rule is checked here, once per contract, when a REST endpoint or channel opens: an invalid mapping
 * fails with a message that names the method and the rule. Instances are immutable and cached; {@link #of} is
 * thread-safe.
 *
 * @since 0.1
 */
public final class RestContract {
    private static final Map<Class<?>, RestContract> CACHE = new ConcurrentHashMap<>();
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\s*([A-Za-z0-9_.-]+)\\s*(?::[^}]*)?}");

    private final ContractDescription contract;
    private final Map<String, RestOperation> byName;

    private RestContract(ContractDescription contract, Map<String, RestOperation> byName) {
        this.contract = contract;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * The REST mapping of {@code contract}.
     *
     * @throws InvalidContractException naming the method and the rule broken
     */
    public static RestContract of(ContractDescription contract) {
        Objects.requireNonNull(contract, "contract");
        RestContract cached = CACHE.get(contract.type());
        if (cached != null) {
            return cached;
        }
        CACHE.putIfAbsent(contract.type(), build(contract));
        return CACHE.get(contract.type());
    }

    public ContractDescription contract() {
        return contract;
    }

    /** The operations' mappings, in the contract's order. */
    public Collection<RestOperation> operations() {
        return byName.values();
    }

    /** The mapping of an operation of this contract. */
    public RestOperation operation(OperationDescription op) {
        RestOperation r = byName.get(op.name());
        if (r == null) {
            throw new IllegalArgumentException("operation " + op.name() + " is not one of " + contract.name());
        }
        return r;
    }

    private static RestContract build(ContractDescription contract) {
        String classPath = pathOf(contract.type().getAnnotation(Path.class));
        Map<String, RestOperation> ops = new LinkedHashMap<>();
        Map<String, String> routes = new LinkedHashMap<>();
        for (OperationDescription op : contract.operations()) {
            RestOperation r = mapping(op, classPath);
            String route = r.httpMethod() + " " + TEMPLATE_VARIABLE.matcher(r.path()).replaceAll("{}");
            String clash = routes.put(route, op.name());
            if (clash != null) {
                throw invalid(op.method(), "REST route '" + route + "' is also used by operation '" + clash + "'");
            }
            ops.put(op.name(), r);
        }
        return new RestContract(contract, ops);
    }

    private static RestOperation mapping(OperationDescription op, String classPath) {
        Method m = op.method();
        List<RestParameter> params = parameters(op);
        String httpMethod = null;
        int found = 0;
        for (Class<? extends Annotation> a : List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class)) {
            if (m.isAnnotationPresent(a)) {
                httpMethod = a.getSimpleName();
                found++;
            }
        }
        if (found > 1) {
            throw invalid(m, "more than one HTTP method annotation");
        }
        boolean explicit = found == 1;
        Path mp = m.getAnnotation(Path.class);
        String path;
        if (explicit) {
            path = join(classPath, pathOf(mp));
        } else {
            if (mp != null) {
                throw invalid(m, "@Path without an HTTP method annotation (@GET, @POST, ...)");
            }
            httpMethod = "POST"; // the default mapping, as WCF's WebInvoke: POST <endpoint>/<operation>
            path = join(classPath, op.name());
        }

        Set<String> variables = new LinkedHashSet<>();
        Matcher matcher = TEMPLATE_VARIABLE.matcher(path);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        List<RestParameter> body = new ArrayList<>();
        for (RestParameter p : params) {
            if (p.source() == RestParameter.Source.PATH && !variables.remove(p.restName())) {
                throw invalid(m, "@PathParam(\"" + p.restName() + "\") is not a variable of path '" + path + "'");
            }
            if (p.source() == RestParameter.Source.BODY) {
                body.add(p);
            }
        }
        if (!variables.isEmpty()) {
            throw invalid(m, "path '" + path + "' has variables " + variables + " with no @PathParam parameter");
        }
        if (!body.isEmpty() && (httpMethod.equals("GET") || httpMethod.equals("DELETE"))) {
            throw invalid(m, httpMethod + " cannot carry a body, but parameters "
                    + body.stream().map(RestParameter::name).toList()
                    + " have no @PathParam/@QueryParam/@HeaderParam");
        }
        boolean bare = body.size() == 1 && !ContractDescription.isSimpleType(body.get(0).type())
                && !Collection.class.isAssignableFrom(body.get(0).type())
                && !Map.class.isAssignableFrom(body.get(0).type())
                && !body.get(0).type().isArray();

        RestResponse rr = m.getAnnotation(RestResponse.class);
        int status;
        String location = "";
        if (rr != null) {
            if (rr.status() < 200 || rr.status() > 299) {
                throw invalid(m, "@RestResponse(status = " + rr.status() + ") must be between 200 and 299");
            }
            if (op.oneWay() && rr.status() != 202) {
                throw invalid(m, "a @Oneway operation answers 202 Accepted; @RestResponse cannot change it");
            }
            status = rr.status();
            location = rr.location();
        } else if (op.oneWay()) {
            status = 202;
        } else {
            status = m.getReturnType() == void.class ? 204 : 200;
        }
        return new RestOperation(op, httpMethod, path, List.copyOf(params), List.copyOf(body), bare, status, location, explicit);
    }

    private static List<RestParameter> parameters(OperationDescription op) {
        Method m = op.method();
        Parameter[] jparams = m.getParameters();
        List<RestParameter> params = new ArrayList<>();
        for (ParameterDescription pd : op.parameters()) {
            Parameter p = jparams[pd.index()];
            PathParam pp = p.getAnnotation(PathParam.class);
            QueryParam qp = p.getAnnotation(QueryParam.class);
            HeaderParam hp = p.getAnnotation(HeaderParam.class);
            int sources = (pp != null ? 1 : 0) + (qp != null ? 1 : 0) + (hp != null ? 1 : 0);
            if (sources > 1) {
                throw invalid(m, "parameter '" + pd.name() + "' has more than one of @PathParam, @QueryParam, @HeaderParam");
            }
            RestParameter.Source source = RestParameter.Source.BODY;
            String restName = pd.name();
            if (pp != null) {
                source = RestParameter.Source.PATH;
                restName = pp.value();
            } else if (qp != null) {
                source = RestParameter.Source.QUERY;
                restName = qp.value();
            } else if (hp != null) {
                source = RestParameter.Source.HEADER;
                restName = hp.value();
            }
            if (source != RestParameter.Source.BODY && !ContractDescription.isSimpleType(pd.type())) {
                throw invalid(m, "parameter '" + pd.name() + "' of type " + pd.type().getSimpleName()
                        + " cannot be a path, query or header parameter: only simple values can");
            }
            params.add(new RestParameter(pd, source, restName));
        }
        return params;
    }

    private static String pathOf(Path p) {
        return p == null ? "" : trimSlashes(p.value());
    }

    private static String join(String a, String b) {
        a = trimSlashes(a);
        b = trimSlashes(b);
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    private static InvalidContractException invalid(Method m, String rule) {
        return new InvalidContractException("Invalid contract " + m.getDeclaringClass().getName() + "." + m.getName()
                + ": REST mapping: " + rule);
    }
}
