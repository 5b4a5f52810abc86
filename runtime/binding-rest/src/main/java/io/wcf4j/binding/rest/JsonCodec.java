package io.wcf4j.binding.rest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.jakarta.xmlbind.JakartaXmlBindAnnotationIntrospector;
import java.lang.reflect.Type;

/**
 * The JSON mapping of data contracts, shared by server and client: the contract's JAXB annotations name the
 * fields (so JSON and XML agree), money stays {@code BigDecimal}, times are ISO-8601 strings, unknown fields
 * are refused, and nesting is bounded.
 */
final class JsonCodec {
    static final int MAX_NESTING_DEPTH = 100;

    private JsonCodec() {
    }

    static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        ObjectMapper mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .annotationIntrospector(AnnotationIntrospector.pair(new JacksonAnnotationIntrospector(),
                        new JakartaXmlBindAnnotationIntrospector()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // money keeps its scale when it passes through a tree (a body object, a fault's detail)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        return mapper;
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
            return new java.math.BigDecimal(s);
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
        return mapper.convertValue(new com.fasterxml.jackson.databind.node.TextNode(raw), t);
    }

    static JavaType type(ObjectMapper mapper, Type type) {
        return mapper.getTypeFactory().constructType(type);
    }
}
