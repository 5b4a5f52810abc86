package io.wcf4j.internal;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.model.InvalidContractException;
import io.wcf4j.security.Identity;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Phase;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.jws.WebService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which access rule governs an operation, and what each rule does, through a real host on the local binding. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationBehaviorTest {

    @WebService
    public interface Guarded {
        @RolesAllowed("a")
        String contractMethod();

        String typeLevel();

        @PermitAll
        String permitted();

        @DenyAll
        String denied();

        @RolesAllowed("a")
        String implementationWins();

        @RolesAllowed("**")
        String anyAuthenticated();
    }

    @RolesAllowed("b")
    public static class GuardedImpl implements Guarded {
        public String contractMethod() { return "contractMethod"; }
        public String typeLevel() { return "typeLevel"; }
        public String permitted() { return "permitted"; }
        public String denied() { return "denied"; }
        @RolesAllowed("c")
        public String implementationWins() { return "implementationWins"; }
        public String anyAuthenticated() { return "anyAuthenticated"; }
    }

    @WebService
    @RolesAllowed("a")
    public interface GuardedType {
        String one();
    }

    @WebService
    public interface Conflicting {
        @RolesAllowed("a")
        @PermitAll
        String both();
    }

    /** Authenticates from test metadata: {@code test-user} with the roles in {@code test-roles}. */
    private static final DispatchBehavior TEST_LOGIN = DispatchBehavior.of(Phase.ADMIT, -900, (inv, next) -> {
        String user = inv.context().metadata().get("test-user");
        if (user != null) {
            String roles = inv.context().metadata().get("test-roles");
            Identity id = new Identity(user, roles == null ? Set.of() : Set.of(roles.split(",")));
            inv.context().authenticate(id.principal(), id.roles());
        }
        return next.proceed(inv);
    });

    private ServiceHost host;

    @BeforeAll
    void open() {
        host = ServiceHost.builder(Guarded.class).implementation(new GuardedImpl())
                .endpoint(null, "local:authz-guarded", BindingConfig.of("local")).dispatchBehavior(TEST_LOGIN).build();
        host.open();
    }

    @AfterAll
    void close() {
        host.close();
    }

    private static <T> T as(Class<T> contract, String address, String user, String roles, java.util.List<ChannelFactory<?>> opened) {
        ChannelFactory.Builder<T> b = ChannelFactory.builder(contract).address(address).binding(BindingConfig.of("local"));
        if (user != null) {
            b.behavior((call, next) -> {
                call.metadata().put("test-user", user);
                if (roles != null) {
                    call.metadata().put("test-roles", roles);
                }
                return next.proceed(call);
            });
        }
        ChannelFactory<T> f = b.build();
        opened.add(f);
        return f.createChannel();
    }

    private static FaultCode refusedWith(Supplier<String> call) {
        ServiceException e = catchThrowableOfType(ServiceException.class, call::get);
        assertThat(e).as("refused").isNotNull();
        return e.code();
    }

    @Test
    void eachRuleFromWhereItIsDeclared() {
        java.util.List<ChannelFactory<?>> opened = new java.util.ArrayList<>();
        try {
            Guarded anonymous = as(Guarded.class, "local:authz-guarded", null, null, opened);
            Guarded inA = as(Guarded.class, "local:authz-guarded", "u", "a", opened);
            Guarded inB = as(Guarded.class, "local:authz-guarded", "u", "b", opened);
            Guarded inC = as(Guarded.class, "local:authz-guarded", "u", "c", opened);
            Guarded inAll = as(Guarded.class, "local:authz-guarded", "u", "a,b,c", opened);

            // the contract's method rule beats the implementation's type rule
            assertThat(inA.contractMethod()).isEqualTo("contractMethod");
            assertThat(refusedWith(inB::contractMethod)).isEqualTo(FaultCode.PERMISSION_DENIED);
            assertThat(refusedWith(anonymous::contractMethod)).isEqualTo(FaultCode.UNAUTHENTICATED);
            // no method rule: the implementation's type
            assertThat(inB.typeLevel()).isEqualTo("typeLevel");
            assertThat(refusedWith(inA::typeLevel)).isEqualTo(FaultCode.PERMISSION_DENIED);
            // @PermitAll: anyone, anonymous too
            assertThat(anonymous.permitted()).isEqualTo("permitted");
            // @DenyAll: nobody, whatever their roles
            assertThat(refusedWith(inAll::denied)).isEqualTo(FaultCode.PERMISSION_DENIED);
            assertThat(refusedWith(anonymous::denied)).isEqualTo(FaultCode.PERMISSION_DENIED);
            // the implementation's method beats the contract's method
            assertThat(inC.implementationWins()).isEqualTo("implementationWins");
            assertThat(refusedWith(inA::implementationWins)).isEqualTo(FaultCode.PERMISSION_DENIED);
            // "**": any authenticated caller, roles or none
            assertThat(as(Guarded.class, "local:authz-guarded", "nobody-special", null, opened).anyAuthenticated()).isEqualTo("anyAuthenticated");
            assertThat(refusedWith(anonymous::anyAuthenticated)).isEqualTo(FaultCode.UNAUTHENTICATED);
        } finally {
            opened.forEach(ChannelFactory::close);
        }
    }

    @Test
    void aContractTypeRule_guardsEveryOperation() {
        GuardedType impl = () -> "one";
        ServiceHost h = ServiceHost.builder(GuardedType.class).implementation(impl)
                .endpoint(null, "local:authz-type", BindingConfig.of("local")).dispatchBehavior(TEST_LOGIN).build();
        h.open();
        java.util.List<ChannelFactory<?>> opened = new java.util.ArrayList<>();
        try {
            assertThat(as(GuardedType.class, "local:authz-type", "u", "a", opened).one()).isEqualTo("one");
            assertThat(refusedWith(as(GuardedType.class, "local:authz-type", null, null, opened)::one)).isEqualTo(FaultCode.UNAUTHENTICATED);
        } finally {
            opened.forEach(ChannelFactory::close);
            h.close();
        }
    }

    @Test
    void twoRulesOnOneElement_failAtOpen() {
        Conflicting impl = () -> "x";
        ServiceHost h = ServiceHost.builder(Conflicting.class).implementation(impl)
                .endpoint(null, "local:authz-conflict", BindingConfig.of("local")).build();
        assertThatThrownBy(h::open).isInstanceOf(InvalidContractException.class).hasMessageContaining("more than one");
    }
}
