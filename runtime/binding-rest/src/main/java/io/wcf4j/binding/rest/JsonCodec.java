package io.wcf4j.binding.rest;

import io.wcf4j.databind.DataContractErrors;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.spi.Decimals;
import java.lang.reflect.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.StringNode;

/** JSON helpers of the REST binding: the shared data-contract mapping, and path/query/header values. */
final class JsonCodec {
    private JsonCodec() {
    }

    static ObjectMapper newMapper() {
        return DataContractMapper.json();
    }

    /** A path, query or header value as the parameter's simple type; {@link IllegalArgumentException} if it is not one. */
    static Object parseScalar(ObjectMapper mapper, String raw, Class<?> t) {
        String s = raw.trim();
        if (t == String.class) {
            return raw;
        }
        if (t == int.class || t == Integer.class) {
            return Integer.valueOf(s);
        }
        if (t == long.class || t == Long.class) {
            return Long.valueOf(s);
        }
        if (t == short.class || t == Short.class) {
            return Short.valueOf(s);
        }
        if (t == byte.class || t == Byte.class) {
            return Byte.valueOf(s);
        }
        if (t == double.class || t == Double.class) {
            return Double.valueOf(s);
        }
        if (t == float.class || t == Float.class) {
            return Float.valueOf(s);
        }
        if (t == java.math.BigDecimal.class) {
            return Decimals.parse(s);
        }
        if (t == java.math.BigInteger.class) {
            return new java.math.BigInteger(s);
        }
        if (t == boolean.class || t == Boolean.class) {
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException("not true or false");
            }
            return Boolean.valueOf(s);
        }
        if (t == char.class || t == Character.class) {
            if (raw.length() != 1) {
                throw new IllegalArgumentException("not one character");
            }
            return raw.charAt(0);
        }
        // enums, UUIDs, dates and times: as the JSON string they would be in a body
        try {
            return mapper.convertValue(new StringNode(raw), t);
        } catch (JacksonException e) {
            // Jackson 3 no longer wraps a failed conversion in an IllegalArgumentException: this method's contract does
            throw new IllegalArgumentException(DataContractErrors.describe(e), e);
        }
    }

    static JavaType type(ObjectMapper mapper, Type type) {
        return mapper.getTypeFactory().constructType(type);
    }
}
