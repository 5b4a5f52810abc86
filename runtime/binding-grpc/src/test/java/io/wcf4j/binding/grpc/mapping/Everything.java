package io.wcf4j.binding.grpc.mapping;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A record with a field of every kind the mapping knows, a recursive field, and one pinned field number. */
public record Everything(String text, int small, Integer boxed, long big, Long boxedBig, double ratio, float fraction,
                         boolean flag, Boolean maybe, BigDecimal money, BigInteger huge, Instant at, OffsetDateTime when,
                         LocalDate day, UUID id, byte[] blob, Level level, List<String> tags, List<Long> numbers,
                         Set<Level> levels, Map<String, BigDecimal> prices, Map<Long, Everything> children, Everything child,
                         @JsonProperty(index = 50) String pinned) {
}
