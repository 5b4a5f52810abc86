package io.wcf4j.binding.grpc.mapping;

/** An enum: proto3 gives it LEVEL_UNSPECIFIED = 0, then its constants. */
public enum Level { LOW, HIGH }
