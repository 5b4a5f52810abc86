package io.wcf4j.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.databind.DataContractMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageMaskingTest {
    private final MessageMasking masking = new MessageMasking(Set.of("owner"), List.of("\\b[0-9]{4}-[0-9]{4}\\b"));

    @Test
    void aTreeIsMaskedByFieldNameAtAnyDepth_andByPatternInAnyText() throws Exception {
        var tree = DataContractMapper.json().readTree(
                "{\"owner\":\"Ann\",\"nested\":[{\"Password\":\"pw\",\"note\":\"card 1234-5678 ok\"}],\"owner2\":\"kept\"}");
        assertThat(masking.apply(tree).toString()).isEqualTo(
                "{\"owner\":\"***\",\"nested\":[{\"Password\":\"***\",\"note\":\"card *** ok\"}],\"owner2\":\"kept\"}");
    }

    @Test
    void messageText_masksXmlElementsAndJsonMembers_alsoWhenCutInsideTheValue() {
        String soap = "<s:Envelope><s:Header><wsse:UsernameToken><wsse:Username>teller</wsse:Username>"
                + "<wsse:Password Type=\"#PasswordText\">s3cret</wsse:Password></wsse:UsernameToken></s:Header>"
                + "<s:Body><ns2:openAccount><owner>Ann Lee</owner><initialDeposit>10</initialDeposit></ns2:openAccount></s:Body>";
        String masked = masking.maskMessageText(soap);
        assertThat(masked).doesNotContain("s3cret", "Ann Lee").contains("<wsse:Username>teller</wsse:Username>",
                "<wsse:Password Type=\"#PasswordText\">***</wsse:Password>", "<owner>***</owner>");
        assertThat(masking.maskMessageText("<a><password>half-of-a-sec")).isEqualTo("<a><password>***");
        assertThat(masking.maskMessageText("{\"owner\": \"Ann\", \"token\": \"abc\\\"def\", \"n\": 1}"))
                .isEqualTo("{\"owner\": \"***\", \"token\": \"***\", \"n\": 1}");
        assertThat(masking.maskMessageText("{\"x\":1,\"password\":\"cut-sho")).isEqualTo("{\"x\":1,\"password\":\"***\"");
        assertThat(masking.maskMessageText("ref 1234-5678")).isEqualTo("ref ***");
    }
}
