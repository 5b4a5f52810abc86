package io.wcf4j.databind;

import io.wcf4j.spi.Decimals;
import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Money as every wire reads it: an exact decimal within {@link Decimals}' bound. What is not one is refused at once as
 * a wrong value: a NaN or an infinity (CBOR can carry both), and a decimal whose scale or digits are absurd (CBOR's
 * decimal fractions carry any exponent; {@code 1e-999999999} is short text), whose every later use (rounding,
 * comparing, printing it plainly) would cost time and memory that grow with it.
 */
final class BoundedDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

    BoundedDecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT && p.isNaN()) {
            return (BigDecimal) ctxt.handleWeirdNumberValue(BigDecimal.class, p.getNumberValue(), "not a finite number");
        }
        BigDecimal value;
        try {
            value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctxt);
        } catch (NumberFormatException | ArithmeticException e) {
            return (BigDecimal) ctxt.handleWeirdNumberValue(BigDecimal.class, 0, "not a decimal");
        }
        if (value != null && !Decimals.isBounded(value)) {
            return (BigDecimal) ctxt.handleWeirdNumberValue(BigDecimal.class, Math.abs(value.scale()) > Decimals.MAX_DIGITS ? value : 0,
                    "more than " + Decimals.MAX_DIGITS + " digits or a scale beyond " + Decimals.MAX_DIGITS);
        }
        return value;
    }
}
