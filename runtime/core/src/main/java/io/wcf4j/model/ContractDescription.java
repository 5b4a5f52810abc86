package io.wcf4j.model;

import io.wcf4j.annotation.CallbackContract;
import io.wcf4j.annotation.FaultStatus;
import io.wcf4j.annotation.RestResponse;
import jakarta.jws.Oneway;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.xml.ws.WebFault;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model of a service contract, built by reflection from an annotated Java interface.
 *
 * <p>The contract is an interface annotated {@code @jakarta.jws.WebService}. Its operations are its abstract
 * methods ({@code @WebMethod} optional); {@code @Oneway} marks one-way operations; checked exceptions
 * annotated {@code @WebFault} are its declared faults; JAX-RS annotations ({@code @GET}, {@code @POST},
 * {@code @Path}, {@code @PathParam}, {@code @QueryParam}, {@code @HeaderParam}) say how REST bindings expose
 * it. Every rule is checked here, once, so that an invalid contract fails at start-up with a message that
 * names the method and the rule, whatever binding would have tripped over it later.
 *
 * <p>Instances are immutable and cached per interface; {@link #of(Class)} is thread-safe.
 *
 * @since 0.1
 */
public final class ContractDescription {
    private static final Map<Class<?>, ContractDescription> CACHE = new ConcurrentHashMap<>();
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\s*([A-Za-z0-9_.-]+)\\s*(?::[^}]*)?}");
    private static final int DEFAULT_FAULT_STATUS = 422;

    private final Class<?> type;
    private final String name;
    private final String namespace;
    private final Map<String, OperationDescription> operations;
    private final Map<Method, OperationDescription> byMethod;
    private final ContractDescription callbackContract;

    private ContractDescription(Class<?> type, String name, String namespace, List<OperationDescription> ops,
                                ContractDescription callbackContract) {
        this.type = type;
        this.callbackContract = callbackContract;
        this.name = name;
        this.namespace = namespace;
        Map<String, OperationDescription> byName = new LinkedHashMap<>();
        Map<Method, OperationDescription> methods = new LinkedHashMap<>();
        for (OperationDescription op : ops) {
            byName.put(op.name(), op);
            methods.put(op.method(), op);
        }
        this.operations = Collections.unmodifiableMap(byName);
        this.byMethod = Collections.unmodifiableMap(methods);
    }

    /**
     * The model of {@code contract}.
     *
     * @throws InvalidContractException naming the method and the rule broken
     */
    public static ContractDescription of(Class<?> contract) {
        Objects.requireNonNull(contract, "contract");
        ContractDescription cached = CACHE.get(contract);
        if (cached != null) {
            return cached;
        }
        ContractDescription built = build(contract);
        CACHE.putIfAbsent(contract, built);
        return CACHE.get(contract);
    }

    /** The contract interface. */
    public Class<?> type() {
        return type;
    }

    /** The contract name ({@code @WebService(name)}, else the interface's simple name). */
    public String name() {
        return name;
    }

    /** The XML namespace of the contract's messages. */
    public String namespace() {
        return namespace;
    }

    /** The callback contract ({@code @CallbackContract}), or null when the contract has none. */
    public ContractDescription callbackContract() {
        return callbackContract;
    }

    /** The operations, in declaration order (sorted by name, since reflection order is unspecified). */
    public Collection<OperationDescription> operations() {
        return operations.values();
    }

    /** The operation with this name, if any. */
    public Optional<OperationDescription> operation(String operationName) {
        return Optional.ofNullable(operations.get(operationName));
    }

    /** The operation of a contract method, if it is one. */
    public Optional<OperationDescription> operation(Method method) {
        return Optional.ofNullable(byMethod.get(method));
    }

    @Override
    public String toString() {
        return "Contract[" + type.getName() + ", " + operations.keySet() + "]";
    }

    // ---------------------------------------------------------------------------------------------------

    private static ContractDescription build(Class<?> contract) {
        String where = contract.getName();
        if (!contract.isInterface()) {
            throw invalid(where, "a contract must be an interface (the implementation is configured apart)");
        }
        WebService ws = contract.getAnnotation(WebService.class);
        if (ws == null) {
            throw invalid(where, "a contract interface must be annotated @jakarta.jws.WebService");
        }
        String name = ws.name().isEmpty() ? contract.getSimpleName() : ws.name();
        String namespace = ws.targetNamespace().isEmpty() ? defaultNamespace(contract) : ws.targetNamespace();
        String classPath = pathOf(contract.getAnnotation(Path.class));

        List<Method> methods = new ArrayList<>(Arrays.asList(contract.getMethods()));
        methods.removeIf(m -> m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.isSynthetic());
        methods.sort(Comparator.comparing(Method::getName).thenComparing(m -> m.getParameterCount()));

        List<OperationDescription> ops = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> restRoutes = new LinkedHashMap<>();
        for (Method m : methods) {
            WebMethod wm = m.getAnnotation(WebMethod.class);
            if (wm != null && wm.exclude()) {
                throw invalid(m, "@WebMethod(exclude = true) is not supported on a contract interface: "
                        + "remove the method from the contract instead");
            }
            OperationDescription op = operation(m, wm, classPath);
            if (!names.add(op.name())) {
                throw invalid(m, "operation name '" + op.name() + "' is used by more than one method; "
                        + "overloads need distinct @WebMethod(operationName = ...)");
            }
            String route = op.rest().httpMethod() + " " + normalizeTemplate(op.rest().path());
            String clash = restRoutes.put(route, op.name());
            if (clash != null) {
                throw invalid(m, "REST route '" + route + "' is also used by operation '" + clash + "'");
            }
            ops.add(op);
        }
        if (ops.isEmpty()) {
            throw invalid(where, "a contract must declare at least one operation");
        }
        ContractDescription callback = null;
        CallbackContract cc = contract.getAnnotation(CallbackContract.class);
        if (cc != null) {
            if (cc.value() == contract) {
                throw invalid(where, "@CallbackContract names the contract itself");
            }
            try {
                callback = of(cc.value());
            } catch (InvalidContractException e) {
                throw invalid(where, "its @CallbackContract " + cc.value().getName() + " is not a valid contract: " + e.getMessage());
            }
        }
        return new ContractDescription(contract, name, namespace, ops, callback);
    }

    private static OperationDescription operation(Method m, WebMethod wm, String classPath) {
        String opName = wm != null && !wm.operationName().isEmpty() ? wm.operationName() : m.getName();
        boolean oneWay = m.isAnnotationPresent(Oneway.class);

        List<FaultDescription> faults = new ArrayList<>();
        for (Class<?> ex : m.getExceptionTypes()) {
            if (RuntimeException.class.isAssignableFrom(ex) || Error.class.isAssignableFrom(ex)) {
                continue; // unchecked: not part of the contract
            }
            faults.add(fault(m, ex));
        }
        if (oneWay) {
            if (m.getReturnType() != void.class) {
                throw invalid(m, "a @Oneway operation must return void (it has no reply)");
            }
            if (!faults.isEmpty()) {
                throw invalid(m, "a @Oneway operation cannot declare faults (it has no reply to carry them)");
            }
        }

        List<ParameterDescription> params = new ArrayList<>();
        Parameter[] jparams = m.getParameters();
        Set<String> paramNames = new LinkedHashSet<>();
        for (int i = 0; i < jparams.length; i++) {
            Parameter p = jparams[i];
            WebParam wp = p.getAnnotation(WebParam.class);
            if (wp != null && (wp.mode() != WebParam.Mode.IN || wp.header())) {
                throw invalid(m, "parameter " + i + ": only IN body parameters are supported "
                        + "(no @WebParam(mode = OUT/INOUT), no header = true)");
            }
            String pname = wp != null && !wp.name().isEmpty() ? wp.name() : p.getName();
            if (!p.isNamePresent() && (wp == null || wp.name().isEmpty())) {
                throw invalid(m, "parameter " + i + " has no name: annotate it @WebParam(name = \"...\") "
                        + "or compile the contract with javac -parameters");
            }
            if (!paramNames.add(pname)) {
                throw invalid(m, "two parameters are named '" + pname + "'");
            }
            ParameterSource source = ParameterSource.BODY;
            String restName = pname;
            PathParam pp = p.getAnnotation(PathParam.class);
            QueryParam qp = p.getAnnotation(QueryParam.class);
            HeaderParam hp = p.getAnnotation(HeaderParam.class);
            int sources = (pp != null ? 1 : 0) + (qp != null ? 1 : 0) + (hp != null ? 1 : 0);
            if (sources > 1) {
                throw invalid(m, "parameter '" + pname + "' has more than one of @PathParam, @QueryParam, @HeaderParam");
            }
            if (pp != null) {
                source = ParameterSource.PATH;
                restName = pp.value();
            } else if (qp != null) {
                source = ParameterSource.QUERY;
                restName = qp.value();
            } else if (hp != null) {
                source = ParameterSource.HEADER;
                restName = hp.value();
            }
            if (source != ParameterSource.BODY && !isSimpleType(p.getType())) {
                throw invalid(m, "parameter '" + pname + "' of type " + p.getType().getSimpleName()
                        + " cannot be a path, query or header parameter: only simple values can");
            }
            params.add(new ParameterDescription(i, pname, p.getType(), p.getParameterizedType(), source, restName));
        }

        RestMapping rest = restMapping(m, opName, oneWay, classPath, params);
        return new OperationDescription(opName, m, List.copyOf(params), m.getReturnType(),
                m.getGenericReturnType(), oneWay, List.copyOf(faults), rest);
    }

    private static RestMapping restMapping(Method m, String opName, boolean oneWay, String classPath,
                                           List<ParameterDescription> params) {
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
            path = join(classPath, opName);
        }

        Set<String> variables = new LinkedHashSet<>();
        Matcher matcher = TEMPLATE_VARIABLE.matcher(path);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        List<ParameterDescription> body = new ArrayList<>();
        for (ParameterDescription p : params) {
            if (p.source() == ParameterSource.PATH && !variables.remove(p.restName())) {
                throw invalid(m, "@PathParam(\"" + p.restName() + "\") is not a variable of path '" + path + "'");
            }
            if (p.source() == ParameterSource.BODY) {
                body.add(p);
            }
        }
        if (!variables.isEmpty()) {
            throw invalid(m, "path '" + path + "' has variables " + variables + " with no @PathParam parameter");
        }
        if (!body.isEmpty() && (httpMethod.equals("GET") || httpMethod.equals("DELETE"))) {
            throw invalid(m, httpMethod + " cannot carry a body, but parameters "
                    + body.stream().map(ParameterDescription::name).toList()
                    + " have no @PathParam/@QueryParam/@HeaderParam");
        }
        boolean bare = body.size() == 1 && !isSimpleType(body.get(0).type())
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
            if (oneWay && rr.status() != 202) {
                throw invalid(m, "a @Oneway operation answers 202 Accepted; @RestResponse cannot change it");
            }
            status = rr.status();
            location = rr.location();
        } else if (oneWay) {
            status = 202;
        } else {
            status = m.getReturnType() == void.class ? 204 : 200;
        }
        return new RestMapping(httpMethod, path, List.copyOf(body), bare, status, location, explicit);
    }

    private static FaultDescription fault(Method m, Class<?> ex) {
        WebFault wf = ex.getAnnotation(WebFault.class);
        if (wf == null) {
            throw invalid(m, "declared exception " + ex.getName() + " is not a fault: annotate it @WebFault "
                    + "with a getFaultInfo() bean, or make it unchecked");
        }
        Method getter;
        try {
            getter = ex.getMethod("getFaultInfo");
        } catch (NoSuchMethodException e) {
            throw invalid(m, "fault " + ex.getName() + " has no public getFaultInfo() method");
        }
        Class<?> info = getter.getReturnType();
        Constructor<?> ctor;
        try {
            ctor = ex.getConstructor(String.class, info);
        } catch (NoSuchMethodException e) {
            throw invalid(m, "fault " + ex.getName() + " needs a public constructor (String message, "
                    + info.getSimpleName() + " faultInfo) so that clients can rebuild it");
        }
        FaultStatus fs = ex.getAnnotation(FaultStatus.class);
        int status = fs == null ? DEFAULT_FAULT_STATUS : fs.value();
        if (status < 400 || status > 599) {
            throw invalid(m, "fault " + ex.getName() + ": @FaultStatus(" + status + ") must be between 400 and 599");
        }
        String faultName = wf.name().isEmpty() ? ex.getSimpleName() : wf.name();
        @SuppressWarnings("unchecked")
        Class<? extends Exception> exType = (Class<? extends Exception>) ex;
        return new FaultDescription(faultName, exType, info, status, getter, ctor);
    }

    /** Whether values of this type are written as a single scalar (path, query, header or a JSON value). */
    public static boolean isSimpleType(Class<?> t) {
        return t.isPrimitive() || t == String.class || Number.class.isAssignableFrom(t) || t == Boolean.class
                || t == Character.class || t.isEnum() || t == BigDecimal.class || t == BigInteger.class
                || t == UUID.class || Temporal.class.isAssignableFrom(t) || Date.class.isAssignableFrom(t);
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

    private static String normalizeTemplate(String path) {
        return TEMPLATE_VARIABLE.matcher(path).replaceAll("{}");
    }

    /** Derives a namespace from the package as JAX-WS does: {@code a.b.c} gives {@code http://c.b.a/}. */
    static String defaultNamespace(Class<?> type) {
        String pkg = type.getPackageName();
        List<String> parts = new ArrayList<>(Arrays.asList(pkg.split("\\.")));
        Collections.reverse(parts);
        return "http://" + String.join(".", parts) + "/";
    }

    private static InvalidContractException invalid(Method m, String rule) {
        return invalid(m.getDeclaringClass().getName() + "." + m.getName(), rule);
    }

    private static InvalidContractException invalid(String where, String rule) {
        return new InvalidContractException("Invalid contract " + where + ": " + rule);
    }
}
