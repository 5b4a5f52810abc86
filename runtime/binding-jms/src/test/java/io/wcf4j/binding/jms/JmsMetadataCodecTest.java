package io.wcf4j.binding.jms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mangling of metadata keys into JMS property names (a round trip over the broker is in the conformance suite). */
class JmsMetadataCodecTest {

    @Test
    void hyphensAndDotsAreMangledAsCamelDoes_andComeBack() {
        assertThat(JmsMetadataCodec.mangle("idempotency-key")).isEqualTo("idempotency_HYPHEN_key");
        assertThat(JmsMetadataCodec.mangle("x.y-z")).isEqualTo("x_DOT_y_HYPHEN_z");
        assertThat(JmsMetadataCodec.mangle("traceparent")).isEqualTo("traceparent");
        assertThat(JmsMetadataCodec.demangle("idempotency_HYPHEN_key")).isEqualTo("idempotency-key");
        assertThat(JmsMetadataCodec.demangle("X_DOT_Y")).isEqualTo("x.y");
    }

    @Test
    void keysNoPropertyNameCanCarry_areNotSent() {
        assertThat(JmsMetadataCodec.mangle("1st")).as("not an identifier start").isNull();
        assertThat(JmsMetadataCodec.mangle("a+b")).as("not identifier characters").isNull();
        assertThat(JmsMetadataCodec.mangle("jmsx-thing")).as("the JMS prefix is reserved").isNull();
        assertThat(JmsMetadataCodec.mangle("null")).as("a selector keyword").isNull();
        assertThat(JmsMetadataCodec.mangle("wcf4j_attempt")).as("the binding's own bookkeeping").isNull();
    }
}
