package io.wcf4j.binding.grpc.mapping;

import java.math.BigDecimal;

/** A data contract whose name an operation's request wrapper would take (transfer → TransferRequest). */
public record TransferRequest(String from, String to, BigDecimal amount) {
}
