package io.wcf4j.databind;

import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Money as every wire reads it: an exact decimal of bounded size. What is not one is refused at once as a wrong value:
 * a NaN or an infinity (CBOR can carry both), and a decimal whose scale or digits are absurd (CBOR's decimal fractions
 * carry any exponent; {@code 1e-999999999} is short text), whose every later use (rounding, comparing, printing it
 * plainly) would cost time and memory that grow with it.
 */
final class BoundedDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {
    /** The largest scale either way, and the most digits: as many as a number's text may have (maxNumberLength). */
    static final int MAX_SCALE = 1000;
    private static final int MAX_UNSCALED_BITS = 3322; // about 1000 decimal digits

    /** Whether a decimal is within the bounds: found in constant time, whatever its size. */
    static boolean isBounded(BigDecimal value) {
        return Math.abs(value.scale()) <= MAX_SCALE && value.unscaledValue().bitLength() <= MAX_UNSCALED_BITS;
    }

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
        if (value != null && !isBounded(value)) {
            return (BigDecimal) ctxt.handleWeirdNumberValue(BigDecimal.class, value.unscaledValue().bitLength() > MAX_UNSCALED_BITS
                    ? 0 : value, "more than " + MAX_SCALE + " digits or a scale beyond " + MAX_SCALE);
        }
        return value;
    }
}
