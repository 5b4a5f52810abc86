package io.wcf4j.model;

import io.wcf4j.annotation.CallbackContract;
import io.wcf4j.annotation.FaultStatus;
import jakarta.jws.Oneway;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebFault;
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

/**
 * The model of a service contract, built by reflection from an annotated Java interface.
 *
 * <p>The contract is an interface annotated {@code @jakarta.jws.WebService}. Its operations are its abstract
 * methods ({@code @WebMethod} optional); {@code @Oneway} marks one-way operations; checked exceptions
 * annotated {@code @WebFault} are its declared faults. Every rule is checked here, once, so that an invalid
 * contract fails at start-up with a message that names the method and the rule. How a binding exposes the
 * contract beyond this (the REST binding's reading of JAX-RS annotations, say) is that binding's model, built
 * and checked when one of its endpoints or channels opens.
 *
 * <p>Instances are immutable and cached per interface; {@link #of(Class)} is thread-safe.
 *
 * @since 0.1
 */
public final class ContractDescription {
    private static final Map<Class<?>, ContractDescription> CACHE = new ConcurrentHashMap<>();
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

        List<Method> methods = new ArrayList<>(Arrays.asList(contract.getMethods()));
        methods.removeIf(m -> m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.isSynthetic());
        methods.sort(Comparator.comparing(Method::getName).thenComparing(m -> m.getParameterCount()));

        List<OperationDescription> ops = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Method m : methods) {
            WebMethod wm = m.getAnnotation(WebMethod.class);
            if (wm != null && wm.exclude()) {
                throw invalid(m, "@WebMethod(exclude = true) is not supported on a contract interface: "
                        + "remove the method from the contract instead");
            }
            OperationDescription op = operation(m, wm);
            if (!names.add(op.name())) {
                throw invalid(m, "operation name '" + op.name() + "' is used by more than one method; "
                        + "overloads need distinct @WebMethod(operationName = ...)");
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

    private static OperationDescription operation(Method m, WebMethod wm) {
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
            params.add(new ParameterDescription(i, pname, p.getType(), p.getParameterizedType()));
        }
        return new OperationDescription(opName, m, List.copyOf(params), m.getReturnType(),
                m.getGenericReturnType(), oneWay, List.copyOf(faults));
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
