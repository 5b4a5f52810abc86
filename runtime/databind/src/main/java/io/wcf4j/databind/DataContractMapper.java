package io.wcf4j.databind;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.jakarta.xmlbind.JakartaXmlBindAnnotationIntrospector;

/**
 * The Jackson mapping of data contracts, the same for every binding that is not XML: the contract's JAXB
 * annotations name the fields (so JSON, CBOR and XML agree), money stays an exact {@code BigDecimal} with its
 * scale, times are ISO-8601 strings, unknown fields are refused, and nesting is bounded.
 *
 * <p>Mappers are thread-safe and costly to build: make one per endpoint or channel and keep it.
 *
 * @since 0.1
 */
public final class DataContractMapper {
    /** The deepest nesting a message may have. */
    public static final int MAX_NESTING_DEPTH = 100;

    private DataContractMapper() {
    }

    /** A mapper for JSON. */
    public static ObjectMapper json() {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints()).build();
        return configure(JsonMapper.builder(factory)).build();
    }

    /** A mapper for CBOR (RFC 8949). */
    public static ObjectMapper cbor() {
        CBORFactory factory = CBORFactory.builder().streamReadConstraints(constraints()).build();
        return configure(CBORMapper.builder(factory)).build();
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder
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
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }
}
