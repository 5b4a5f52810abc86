package io.wcf4j.databind;

import java.math.BigDecimal;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORMapper;
import tools.jackson.dataformat.cbor.CBORReadFeature;
import tools.jackson.dataformat.cbor.CBORWriteFeature;
import tools.jackson.module.jakarta.xmlbind.JakartaXmlBindAnnotationIntrospector;

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
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(readConstraints())
                .streamWriteConstraints(writeConstraints())
                // Jackson 3 writes a character outside the BMP as 4 UTF-8 bytes; wcf4j has always escaped it as a
                // surrogate pair (the same text to a reader): keep the bytes on the wire as they were
                .disable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        return configure(JsonMapper.builder(factory)).build();
    }

    /** A mapper for CBOR (RFC 8949). */
    public static ObjectMapper cbor() {
        CBORFactory factory = CBORFactory.builder()
                .streamReadConstraints(readConstraints())
                .streamWriteConstraints(writeConstraints())
                // Jackson 3 changed these defaults; net.tcp peers built on earlier wcf4j (Jackson 2) read and write
                // negative big integers (and so big negative decimals) in Jackson 2's encoding: keep it on the wire
                .disable(CBORWriteFeature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
                .disable(CBORReadFeature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
                .disable(CBORReadFeature.READ_UNDEFINED_AS_EMBEDDED_OBJECT)
                .disable(CBORReadFeature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT)
                .build();
        return configure(CBORMapper.builder(factory)).build();
    }

    /**
     * The bounds of what a peer may send. Every limit is written out, not left to the Jackson version's defaults:
     * Jackson 3 raised the default string length (20 MB to 100 MB) and lowered the default nesting (1000 to 500).
     */
    private static StreamReadConstraints readConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(20_000_000)
                .maxNumberLength(1000)
                .maxNameLength(50_000)
                .maxDocumentLength(-1) // unbounded, as it was
                .build();
    }

    /** What wcf4j writes: as deep as Jackson 2 wrote (Jackson 3's default is 500). */
    private static StreamWriteConstraints writeConstraints() {
        return StreamWriteConstraints.builder().maxNestingDepth(1000).build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .annotationIntrospector(AnnotationIntrospector.pair(new JacksonAnnotationIntrospector(),
                        new JakartaXmlBindAnnotationIntrospector()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // money keeps its scale when it passes through a tree (a body object, a fault's detail)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                // Jackson 3 changed the defaults below; the contracts' wire form is Jackson 2's, pinned here:
                // fields in declaration order (as the XML and the published OpenAPI document have them), not sorted
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // a data contract with a no-argument constructor is made with it and its setters, as JAXB makes it:
                // Jackson 3 reads constructor parameter names (the build keeps them) and would otherwise pick an
                // all-arguments constructor, which turns an absent primitive field into a refused null
                .disable(MapperFeature.DETECT_PARAMETER_NAMES)
                // a collection with only a getter (as JAXB makes them) is filled through it
                .enable(MapperFeature.USE_GETTERS_AS_SETTERS)
                .enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
                .disable(MapperFeature.ALLOW_VOID_VALUED_PROPERTIES)
                .disable(MapperFeature.FIX_FIELD_NAME_UPPER_CASE_PREFIX)
                .enable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                // enums by name (or their @XmlEnumValue), never by an overridden toString()
                .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                // a java.time.Duration as seconds (3.000000000), as Jackson 2 wrote it
                .enable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DateTimeFeature.ONE_BASED_MONTHS)
                .addModule(new SimpleModule("wcf4j-decimals").addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer()));
    }
}
