package io.wcf4j.binding.grpc;

import com.google.protobuf.Descriptors;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;

/**
 * The schema descriptors grpc-java's server reflection reads (its {@code ProtoReflectionService} finds a service's
 * .proto through these), so that {@code grpcurl list} and {@code grpcurl describe} see the contract.
 */
final class GrpcReflection {
    private GrpcReflection() {
    }

    /** A contract's service. */
    static class ServiceSchema implements ProtoServiceDescriptorSupplier {
        final ContractSchema schema;

        ServiceSchema(ContractSchema schema) {
            this.schema = schema;
        }

        @Override
        public Descriptors.FileDescriptor getFileDescriptor() {
            return schema.fileDescriptor;
        }

        @Override
        public Descriptors.ServiceDescriptor getServiceDescriptor() {
            return schema.fileDescriptor.findServiceByName(schema.serviceName);
        }
    }

    /** One of its methods. */
    static final class MethodSchema extends ServiceSchema implements ProtoMethodDescriptorSupplier {
        private final String methodName;

        MethodSchema(ContractSchema schema, String methodName) {
            super(schema);
            this.methodName = methodName;
        }

        @Override
        public Descriptors.MethodDescriptor getMethodDescriptor() {
            return getServiceDescriptor().findMethodByName(methodName);
        }
    }
}
