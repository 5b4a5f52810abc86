package io.wcf4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTextsTest {

    @Test
    void forLog_cutsLongTextsAndReplacesLineBreaksAndControlCharacters() {
        assertThat(ErrorTexts.forLog("bad value '12\r\n2026-12-02 INFO forged line'"))
                .isEqualTo("bad value '12__2026-12-02 INFO forged line'");
        assertThat(ErrorTexts.forLog("tab\there, bell\u0007, separator\u2028end")).isEqualTo("tab_here, bell_, separator_end");
        assertThat(ErrorTexts.forLog("x".repeat(500))).hasSize(203).endsWith("...");
        assertThat(ErrorTexts.forLog(null)).isEqualTo("null");
        String plain = "nothing to change";
        assertThat(ErrorTexts.forLog(plain)).isSameAs(plain);
    }
}
