package io.wcf4j.databind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The one mapping of data contracts for JSON and CBOR: names from JAXB, exact money, ISO times, strictness, bounds. */
class DataContractMapperTest {

    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Money {
        @XmlElement(name = "amount_due")
        public BigDecimal amount;
        public Instant at;
        public int count;
    }

    private final ObjectMapper json = DataContractMapper.json();
    private final ObjectMapper cbor = DataContractMapper.cbor();

    @Test
    void jaxbAnnotationsNameTheFields_andMoneyKeepsItsScale() throws Exception {
        Money m = new Money();
        m.amount = new BigDecimal("10.50");
        m.at = Instant.parse("2026-12-02T10:15:30Z");
        String text = json.writeValueAsString(m);
        assertThat(text).contains("\"amount_due\":10.50").contains("\"at\":\"2026-12-02T10:15:30Z\"");
        Money back = json.readValue(text, Money.class);
        assertThat(back.amount).isEqualTo(new BigDecimal("10.50")).as("scale kept, not 10.5");
        assertThat(back.at).isEqualTo(m.at);
        JsonNode tree = json.readTree("{\"amount_due\": 0.10}");
        assertThat(tree.get("amount_due").decimalValue()).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void cborRoundTripsTheSameWay() throws Exception {
        Money m = new Money();
        m.amount = new BigDecimal("12345678901234567890.01");
        m.at = Instant.parse("2026-01-01T00:00:00Z");
        m.count = 3;
        Money back = cbor.readValue(cbor.writeValueAsBytes(m), Money.class);
        assertThat(back.amount).isEqualTo(m.amount);
        assertThat(back.at).isEqualTo(m.at);
        assertThat(back.count).isEqualTo(3);
    }

    @Test
    void unknownFieldsNullPrimitivesAndCoercedScalars_areRefused() {
        assertThatThrownBy(() -> json.readValue("{\"amount_due\": 1, \"extra\": true}", Money.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> json.readValue("{\"count\": null}", Money.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"count\": \"7\"}", Money.class)).isInstanceOf(MismatchedInputException.class);
    }

    /** Found by fuzzing: a CBOR NaN escaped as a NumberFormatException; absurd scales cost without bound later. */
    @Test
    void aDecimalThatIsNoneOrAbsurd_isRefusedAsAWrongValue() throws Exception {
        byte[] nan = cbor.writeValueAsBytes(Double.NaN);
        assertThatThrownBy(() -> cbor.readValue(nan, BigDecimal.class)).isInstanceOf(tools.jackson.core.JacksonException.class)
                .hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> cbor.readerFor(BigDecimal.class).readValue(cbor.readTree(nan)))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
        for (String absurd : new String[] {"1e-999999999", "1E+999999999", "1" + "0".repeat(999) + "e-5"}) {
            assertThatThrownBy(() -> json.readValue("{\"amount_due\": " + absurd + "}", Money.class)).as(absurd)
                    .isInstanceOf(tools.jackson.core.JacksonException.class);
        }
        assertThat(json.readValue("{\"amount_due\": 12.50}", Money.class).amount).isEqualByComparingTo("12.50").hasScaleOf(2);
        assertThat(json.readValue("{\"amount_due\": 1e-1000}", Money.class).amount).hasScaleOf(1000);
    }

    @Test
    void nestingIsBounded() {
        String deep = "[".repeat(DataContractMapper.MAX_NESTING_DEPTH + 1) + "]".repeat(DataContractMapper.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> json.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        String fine = "[".repeat(DataContractMapper.MAX_NESTING_DEPTH) + "]".repeat(DataContractMapper.MAX_NESTING_DEPTH);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> json.readTree(fine))).isNull();
    }
}
