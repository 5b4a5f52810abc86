package io.wcf4j.binding.grpc.mapping;

import java.math.BigDecimal;

/** The detail of {@link MappingFaultException}. */
public record MappingFault(String reason, BigDecimal shortBy) {
}
