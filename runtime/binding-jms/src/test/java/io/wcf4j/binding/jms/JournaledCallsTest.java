package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.Payload;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.security.Identity;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.PeerIdentity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the one-way journal stores of a call, and what it gives back: the same call, its caller, never its credentials. */
class JournaledCallsTest {
    private static final ContractDescription CONTRACT = ContractDescription.of(ConformanceService.class);
    private final JournaledCalls calls = new JournaledCalls();

    private static Invocation call(String operation, Object... args) {
        CallMetadata metadata = CallMetadata.builder().put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .put("x-tag", "kept").put(CallMetadata.AUTHORIZATION, "Basic dGVsbGVyOnRlbGxlci1wYXNzd29yZA==")
                .put("cookie", "session=secret").put("x-api-key", "key").deadline(Instant.now().plusSeconds(5)).build();
        InvocationContext context = InvocationContext.builder(new EndpointInfo("conformance", "conformance-rest", "rest-json"))
                .metadata(metadata).peer(PeerIdentity.ofAddress("127.0.0.1:5555")).build();
        context.authenticate(new Identity.CallerPrincipal("teller"), Set.of("teller", "auditor"));
        return new Invocation(CONTRACT.operation(operation).orElseThrow(), args, context);
    }

    @Test
    void aStoredCall_comesBackWithItsArgumentsCallerAndMetadata() {
        Payload payload = new Payload("text", new BigDecimal("12.30"), 7, true, List.of("a", "b"),
                new Payload("child", new BigDecimal("0.01"), 1, false, List.of(), null));
        Invocation back = calls.decode("conformance", CONTRACT, calls.encode(call("echoPayload", payload)));

        assertThat(back.operation().name()).isEqualTo("echoPayload");
        Payload p = (Payload) back.arguments()[0];
        assertThat(p.getText()).isEqualTo("text");
        assertThat(p.getAmount()).isEqualTo(new BigDecimal("12.30"));
        assertThat(p.getTags()).containsExactly("a", "b");
        assertThat(p.getChild().getAmount()).isEqualTo(new BigDecimal("0.01"));
        InvocationContext c = back.context();
        assertThat(c.principal().getName()).isEqualTo("teller");
        assertThat(c.isCallerInRole("auditor")).isTrue();
        assertThat(c.isCallerInRole("customer")).isFalse();
        assertThat(c.endpointName()).isEqualTo("conformance-rest");
        assertThat(c.bindingType()).isEqualTo("rest-json");
        assertThat(c.remoteAddress()).isEqualTo("127.0.0.1:5555");
        assertThat(c.metadata().get("x-tag")).isEqualTo("kept");
        assertThat(c.metadata().get("traceparent")).startsWith("00-4bf92f");
        assertThat(c.deadline()).as("its sender stopped waiting at the acknowledgement").isNull();
    }

    @Test
    void credentialsAreNeverStored() {
        byte[] entry = calls.encode(call("fireAndForget", "token"));
        String text = new String(entry, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("dGVsbGVy").doesNotContain("session=secret").doesNotContain("authorization")
                .doesNotContain("x-api-key");
        InvocationContext back = calls.decode("conformance", CONTRACT, entry).context();
        assertThat(back.metadata().contains(CallMetadata.AUTHORIZATION)).isFalse();
        assertThat(back.metadata().contains("cookie")).isFalse();
    }

    @Test
    void anAnonymousCall_staysAnonymous() {
        InvocationContext context = InvocationContext.builder(new EndpointInfo("conformance", "e", "soap-http")).build();
        Invocation anonymous = new Invocation(CONTRACT.operation("fireAndForget").orElseThrow(), new Object[] {"t"}, context);
        Invocation back = calls.decode("conformance", CONTRACT, calls.encode(anonymous));
        assertThat(back.context().principal()).isNull();
        assertThat(back.arguments()).containsExactly("t");
    }

    @Test
    void anEntryTheContractCannotRead_isATypedRefusal() {
        byte[] entry = calls.encode(call("fireAndForget", "token"));
        ContractDescription other = ContractDescription.of(QueuedWork.class);
        ServiceException unknown = catchThrowableOfType(ServiceException.class, () -> calls.decode("work", other, entry));
        assertThat(unknown.code()).isEqualTo(FaultCode.INVALID_ARGUMENT);
        assertThat(unknown.getMessage()).contains("has no operation 'fireAndForget'");
        for (byte[] damaged : List.of(new byte[0], new byte[] {(byte) 0x9f}, "junk".getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.copyOf(entry, entry.length / 2))) {
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> calls.decode("conformance", CONTRACT, damaged));
            assertThat(e.code()).isEqualTo(FaultCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).startsWith("unreadable stored call");
        }
    }
}
