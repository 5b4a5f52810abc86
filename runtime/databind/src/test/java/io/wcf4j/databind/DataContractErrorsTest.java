package io.wcf4j.databind;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

class DataContractErrorsTest {
    private static final ObjectMapper JSON = DataContractMapper.json();
    private static final ObjectMapper CBOR = DataContractMapper.cbor();

    public enum Colour { RED, GREEN }

    public static class Order {
        private long count;
        private BigDecimal amount;
        private Colour colour;
        private List<Line> lines = new ArrayList<>();

        public long getCount() { return count; }
        public void setCount(long count) { this.count = count; }
        public BigDecimal getAmount() { return amount; }
        public void setAmount(BigDecimal amount) { this.amount = amount; }
        public Colour getColour() { return colour; }
        public void setColour(Colour colour) { this.colour = colour; }
        public List<Line> getLines() { return lines; }
        public void setLines(List<Line> lines) { this.lines = lines; }
    }

    public static class Line {
        private int quantity;

        public int getQuantity() { return quantity; }
        public void setQuantity(int quantity) { this.quantity = quantity; }
    }

    private static String explain(ObjectMapper mapper, byte[] input) {
        try {
            mapper.readValue(input, Order.class);
        } catch (JacksonException e) {
            String message = DataContractErrors.explain(e);
            assertThat(message).as("never a Java name or Jackson's own words").doesNotContain("java.").doesNotContain("`")
                    .doesNotContain("Feature").doesNotContain("Source");
            return message;
        }
        throw new AssertionError("read without a failure");
    }

    private static String explain(String json) {
        return explain(JSON, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void wrongValues_areNamedByWhereTheyAreAndWhatTheContractExpects() {
        assertThat(explain("{\"count\":\"many\"}")).isEqualTo("at 'count': expected an integer, found text");
        assertThat(explain("{\"count\":null}")).isEqualTo("at 'count': expected an integer, found null");
        assertThat(explain("{\"amount\":\"lots\"}")).isEqualTo("at 'amount': expected a decimal, found text");
        assertThat(explain("{\"colour\":\"BLUE\"}")).isEqualTo("at 'colour': 'BLUE' is not one of [GREEN, RED]");
        assertThat(explain("{\"lines\":{}}")).isEqualTo("at 'lines': expected a list, found an object");
        assertThat(explain("{\"lines\":[{\"quantity\":1},{\"quantity\":true}]}"))
                .isEqualTo("at 'lines[1].quantity': expected an integer, found true or false");
        assertThat(explain("{\"lines\":[{\"size\":1}]}")).isEqualTo("at 'lines[0]': unknown field 'size'; expected one of [quantity]");
    }

    @Test
    void malformedInputAndLimits_areSaidWithoutTheParsersInternals() {
        assertThat(explain("{\"count\": 1")).isEqualTo("Unexpected end-of-input: expected close marker for Object");
        assertThat(explain("{\"amount\":1" + "1".repeat(1200) + "}")).startsWith("a value is over a size limit: ")
                .contains("exceeds the maximum allowed (1000)");
        byte[] cbor = CBOR.writeValueAsBytes(java.util.Map.of("count", "many"));
        assertThat(explain(CBOR, cbor)).isEqualTo("at 'count': expected an integer, found text");
    }
}
