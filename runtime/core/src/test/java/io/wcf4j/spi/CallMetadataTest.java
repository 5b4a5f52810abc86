package io.wcf4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallMetadataTest {

    @Test
    void keysAreCaseInsensitive_andKeepEveryValueInOrder() {
        CallMetadata m = CallMetadata.builder().add("X-Trace", "a").add("x-trace", "b").put("Traceparent", "t").build();
        assertThat(m.get("x-TRACE")).isEqualTo("a");
        assertThat(m.getAll("X-Trace")).containsExactly("a", "b");
        assertThat(m.keys()).containsExactly("x-trace", "traceparent");
        assertThat(m.get(CallMetadata.TRACEPARENT)).isEqualTo("t");
        assertThat(m.get("absent")).isNull();
        assertThat(m.getAll("absent")).isEmpty();
    }

    @Test
    void whatNoWireCanCarry_isRefusedWhenWritten_andSkippedWhenRead() {
        CallMetadata.Builder b = CallMetadata.builder();
        assertThatThrownBy(() -> b.put("bad key", "v")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad key");
        assertThatThrownBy(() -> b.put("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.put("k".repeat(256), "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.put("x-injected", "a\r\nSet-Cookie: x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> b.put("x-bell", "a\u0007b")).as("a control character").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.put("x-wide", "\u65e5\u672c")).as("beyond Latin-1: encode it").isInstanceOf(IllegalArgumentException.class);
        b.put("x-latin1", "caf\u00e9\tok");
        assertThat(b.addIfValid("x-ok", "fine")).isTrue();
        assertThat(b.addIfValid("x-bad", "a\nb")).isFalse();
        assertThat(b.addIfValid("bad:key", "v")).isFalse();
        assertThat(b.build().keys()).containsExactly("x-latin1", "x-ok");
    }

    @Test
    void theDeadlineIsTyped_andSurvivesACopy() {
        Instant d = Instant.now().plusSeconds(5);
        CallMetadata m = CallMetadata.builder().deadline(d).put("k", "v").build();
        assertThat(m.deadline()).isEqualTo(d);
        assertThat(m.timeRemaining().toMillis()).isBetween(1L, 5000L);
        CallMetadata copy = m.toBuilder().put("k2", "v2").build();
        assertThat(copy.deadline()).isEqualTo(d);
        assertThat(copy.get("k")).isEqualTo("v");
        assertThat(m.keys()).as("the original is unchanged").containsExactly("k");
        assertThat(CallMetadata.EMPTY.isEmpty()).isTrue();
        assertThat(CallMetadata.builder().deadline(d).build().isEmpty()).isFalse();
    }

    @Test
    void toString_namesKeysButNeverValues() {
        CallMetadata m = CallMetadata.builder().put(CallMetadata.AUTHORIZATION, "Bearer s3cr3t").build();
        assertThat(m.toString()).contains("authorization").doesNotContain("s3cr3t");
    }

    @Test
    void aRemainingTimeBeyondAnyRealCall_isCappedInsteadOfOverflowing() {
        java.time.Instant d = Deadlines.fromRemainingMillis(Long.toString(Long.MAX_VALUE), "test");
        assertThat(java.time.Duration.between(java.time.Instant.now(), d).toMillis())
                .isBetween(Deadlines.MAX_REMAINING_MILLIS - 1000, Deadlines.MAX_REMAINING_MILLIS);
    }
}
