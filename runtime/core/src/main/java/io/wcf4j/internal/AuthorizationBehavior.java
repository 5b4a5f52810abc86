package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.InvalidContractException;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.ErrorTexts;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorization, once for every binding: {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll}
 * (Jakarta Annotations) on the contract or the implementation. Built in; added only when the service carries one.
 *
 * <p>Which annotation rules an operation, first found: the implementation's method, the contract's method, the
 * implementation's type, the contract's type (a method wins over a type, an implementation over its contract).
 * {@code @RolesAllowed("**")} admits any authenticated caller. An anonymous caller of a role-guarded operation is
 * refused with UNAUTHENTICATED (it may yet log in), an authenticated one without a role with PERMISSION_DENIED.
 */
public final class AuthorizationBehavior implements DispatchBehavior {
    /** After authentication (-900), before the user's admit behaviors (0). */
    static final int ORDER = -800;
    private static final Logger log = LoggerFactory.getLogger(AuthorizationBehavior.class);
    private static final String ANY_AUTHENTICATED = "**";

    private final Map<OperationDescription, Rule> rules;

    private AuthorizationBehavior(Map<OperationDescription, Rule> rules) {
        this.rules = rules;
    }

    /**
     * The behavior for a service, or empty when neither its contract nor its implementation names a rule.
     *
     * @param implementation the implementation class, or null when unknown
     * @throws InvalidContractException when one element carries two rules
     */
    public static Optional<DispatchBehavior> forService(ContractDescription contract, Class<?> implementation) {
        Map<OperationDescription, Rule> rules = new HashMap<>();
        for (OperationDescription op : contract.operations()) {
            Method m = op.method();
            Method implMethod = implementation == null ? null : implementationMethod(implementation, m);
            Rule rule = firstRule(implMethod, m, implementation, contract.type());
            if (rule != null) {
                rules.put(op, rule);
            }
        }
        return rules.isEmpty() ? Optional.empty() : Optional.of(new AuthorizationBehavior(Map.copyOf(rules)));
    }

    private static Method implementationMethod(Class<?> implementation, Method contractMethod) {
        try {
            return implementation.getMethod(contractMethod.getName(), contractMethod.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Rule firstRule(AnnotatedElement... elements) {
        for (AnnotatedElement e : elements) {
            Rule r = e == null ? null : ruleOf(e);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static Rule ruleOf(AnnotatedElement e) {
        RolesAllowed roles = e.getAnnotation(RolesAllowed.class);
        boolean permit = e.isAnnotationPresent(PermitAll.class);
        boolean deny = e.isAnnotationPresent(DenyAll.class);
        if ((roles != null ? 1 : 0) + (permit ? 1 : 0) + (deny ? 1 : 0) > 1) {
            throw new InvalidContractException(e + " carries more than one of @RolesAllowed, @PermitAll, @DenyAll");
        }
        if (roles != null) {
            return new Rule(Kind.ROLES, Set.of(roles.value()));
        }
        return permit ? new Rule(Kind.PERMIT, Set.of()) : deny ? new Rule(Kind.DENY, Set.of()) : null;
    }

    @Override
    public Phase phase() {
        return Phase.ADMIT;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
        Rule rule = rules.get(invocation.operation());
        if (rule == null || rule.kind == Kind.PERMIT) {
            return next.proceed(invocation);
        }
        InvocationContext context = invocation.context();
        String operation = invocation.operation().name();
        if (rule.kind == Kind.ROLES && context.principal() == null) {
            log.info("anonymous call to {}.{} on {} refused: authentication required", context.serviceName(), operation,
                    context.endpointName());
            return refuse(FaultCode.UNAUTHENTICATED, "authentication required");
        }
        if (rule.kind == Kind.ROLES && rule.admits(context)) {
            return next.proceed(invocation);
        }
        log.info("call to {}.{} on {} by {} refused: not in a permitted role", context.serviceName(), operation,
                context.endpointName(), context.principal() == null ? "an anonymous caller" : ErrorTexts.forLog(context.principal().getName()));
        return refuse(FaultCode.PERMISSION_DENIED, "access denied to operation " + operation);
    }

    private static CompletionStage<Outcome> refuse(FaultCode code, String message) {
        return CompletableFuture.completedFuture(Outcome.error(code, message));
    }

    @Override
    public String toString() {
        return "authorization";
    }

    private enum Kind { PERMIT, DENY, ROLES }

    private record Rule(Kind kind, Set<String> roles) {
        boolean admits(InvocationContext context) {
            if (roles.contains(ANY_AUTHENTICATED)) {
                return true;
            }
            for (String r : roles) {
                if (context.isCallerInRole(r)) {
                    return true;
                }
            }
            return false;
        }
    }
}
