package io.wcf4j.binding.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.InvalidContractException;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import jakarta.xml.bind.annotation.XmlType;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;

/**
 * A contract as a protobuf service, derived at start-up from the contract model and the data contracts' Jackson
 * mapping (the names JSON uses), with no protoc step. The mapping is documented in docs/grpc.md and pinned by a golden
 * file; in short:
 *
 * <ul>
 *   <li>package: the contract interface's Java package and the contract's name in lower snake case
 *       ({@code io.wcf4j.sample.ledger.ledger_notifications}); service: the contract's name; one unary method per
 *       operation, named as the operation with its first letter capitalised;</li>
 *   <li>each operation has a {@code <Op>Request} message (its parameters, numbered 1.. in parameter order) and a
 *       {@code <Op>Response} message ({@code result = 1}, or empty); a one-way operation answers
 *       {@code google.protobuf.Empty}; where a data contract already has such a name, the contract's name is put
 *       in front ({@code LedgerTransferRequest});</li>
 *   <li>a data contract is a message named as its {@code @XmlType} (else its simple name); its fields are its
 *       properties in the mapping's order (the {@code @XmlType propOrder}, a record's components), numbered 1..,
 *       except that {@code @JsonProperty(index = n)} pins a property to number n;</li>
 *   <li>scalars as in {@link FieldKind}; lists, sets and arrays are {@code repeated}; maps with string or integral
 *       keys are {@code map}; a boxed number, a string and a decimal are proto3 {@code optional}, so null
 *       survives.</li>
 * </ul>
 *
 * <p>A type that has no faithful mapping (an interface, {@code Object}, a list of lists, a generic data contract)
 * fails start-up naming the type and where it was used.
 */
final class ContractSchema {
    static final String DEFAULT_FILE_SUFFIX = ".proto";
    private static final String TIMESTAMP_FILE = "google/protobuf/timestamp.proto";
    private static final String EMPTY_FILE = "google/protobuf/empty.proto";

    final ContractDescription contract;
    final String packageName;
    final String serviceName;
    final FileDescriptorProto fileProto;
    final Descriptors.FileDescriptor fileDescriptor;
    private final Map<String, OperationSchema> byMethodName;
    private final Map<OperationDescription, OperationSchema> byOperation;
    private final Map<Class<?>, MessageSchema> faultDetails;
    private final Map<String, MessageSchema> messagesByName = new HashMap<>();
    /** The duplex session's messages, or null for a contract without callbacks. */
    final CallbackSchema callbacks;

    /**
     * One operation's method.
     *
     * @param response null for a one-way operation (it answers {@code google.protobuf.Empty})
     */
    record OperationSchema(OperationDescription operation, String methodName, MessageSchema request, MessageSchema response) {
        String fullMethodName(String serviceFullName) {
            return serviceFullName + "/" + methodName;
        }
    }

    /**
     * A duplex contract's session: the bidirectional method {@value #CONNECT} on which the service sends the caller
     * {@code <Contract>Callback} envelopes (an id, the caller's remaining time, metadata, and one callback operation's
     * request) and the caller answers each with a {@code <Contract>CallbackReply} (the id, a gRPC status code and
     * message, and for a request-reply callback its response).
     *
     * @param callback the envelope the service sends
     * @param reply    the envelope the caller answers with
     * @param requests each callback operation's request message, by operation
     * @param results  each request-reply callback operation's response message, by operation
     * @param fieldOf  the envelope field (in both) that carries each operation
     */
    record CallbackSchema(MessageSchema callback, MessageSchema reply, Map<OperationDescription, MessageSchema> requests,
                          Map<OperationDescription, MessageSchema> results, Map<OperationDescription, String> fieldOf) {
        /** The callback operation carried by envelope field {@code jsonName}, or null. */
        OperationDescription operationOf(String jsonName) {
            for (Map.Entry<OperationDescription, String> e : fieldOf.entrySet()) {
                if (e.getValue().equals(jsonName)) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    /** The method of a duplex contract's session. */
    static final String CONNECT = "Connect";

    private ContractSchema(Builder b) {
        this.contract = b.contract;
        this.packageName = b.packageName;
        this.serviceName = contract.name();
        this.byMethodName = Collections.unmodifiableMap(b.byMethodName);
        this.byOperation = Collections.unmodifiableMap(b.byOperation);
        this.faultDetails = Collections.unmodifiableMap(b.faultDetails);
        this.callbacks = b.callbacks;
        this.fileProto = b.fileProto();
        b.wrappers.forEach(m -> messagesByName.put(m.name, m));
        b.dataContracts.values().forEach(m -> messagesByName.put(m.name, m));
        try {
            this.fileDescriptor = Descriptors.FileDescriptor.buildFrom(fileProto, new Descriptors.FileDescriptor[] {
                    Timestamp.getDescriptor().getFile(), Empty.getDescriptor().getFile()});
        } catch (Descriptors.DescriptorValidationException e) {
            throw new InvalidContractException("Contract " + contract.type().getName() + " has no valid protobuf form: "
                    + e.getMessage());
        }
    }

    /** The schema of {@code contract} as the data contract mapping {@code mapper} reads and writes it. */
    static ContractSchema of(ContractDescription contract, ObjectMapper mapper) {
        return new Builder(contract, mapper).build();
    }

    /** The gRPC service name: {@code <package>.<Contract>}. */
    String serviceFullName() {
        return packageName.isEmpty() ? serviceName : packageName + "." + serviceName;
    }

    /** The file name the .proto is published under, e.g. {@code io/wcf4j/sample/ledger/ledger/Ledger.proto}. */
    String fileName() {
        return fileProto.getName();
    }

    OperationSchema method(String methodName) {
        return byMethodName.get(methodName);
    }

    OperationSchema operation(OperationDescription operation) {
        return byOperation.get(operation);
    }

    java.util.Collection<OperationSchema> operations() {
        return byOperation.values();
    }

    /** A top-level message by its proto name, or null. */
    MessageSchema message(String name) {
        return messagesByName.get(name);
    }

    /** The message of a fault's detail (its fault-info type). */
    MessageSchema faultDetail(FaultDescription fault) {
        return faultDetails.get(fault.faultInfoType());
    }

    /** The type URL an {@code Any} holding a message of this schema carries. */
    String typeUrl(MessageSchema message) {
        return "type.googleapis.com/" + (packageName.isEmpty() ? "" : packageName + ".") + message.name;
    }

    /** Builds the schema: walks the operations' types once, naming each message and numbering its fields. */
    private static final class Builder {
        private final ContractDescription contract;
        private final ObjectMapper mapper;
        private final String packageName;
        private final Map<String, OperationSchema> byMethodName = new TreeMap<>();
        private final Map<OperationDescription, OperationSchema> byOperation = new LinkedHashMap<>();
        private final Map<Class<?>, MessageSchema> faultDetails = new HashMap<>();
        /** Data contract messages by Java class; filled before their fields so that recursive types terminate. */
        private final Map<Class<?>, MessageSchema> dataContracts = new HashMap<>();
        private final Map<Class<?>, MessageSchema.EnumSchema> enums = new HashMap<>();
        /** Every top-level message and enum name, with what it was made from, to refuse a clash. */
        private final Map<String, String> names = new HashMap<>();
        /** Message name → the map entry types nested in it. */
        private final Map<MessageSchema, List<MessageSchema>> mapEntries = new HashMap<>();
        private final List<MessageSchema> wrappers = new ArrayList<>();
        private CallbackSchema callbacks;
        /** Map entry types made while filling the message being built, to be nested in it. */
        private List<MessageSchema> pendingEntries = new ArrayList<>();

        Builder(ContractDescription contract, ObjectMapper mapper) {
            this.contract = contract;
            this.mapper = mapper;
            // a package of its own per contract: two contracts that share a data contract can then share a port (and a
            // protoc run) without defining one message twice, which reflection and protoc refuse
            String own = upperSnake(contract.name()).toLowerCase(java.util.Locale.ROOT);
            String javaPackage = contract.type().getPackageName();
            this.packageName = javaPackage.isEmpty() ? own : javaPackage + "." + own;
        }

        ContractSchema build() {
            List<OperationDescription> ops = new ArrayList<>(contract.operations());
            ops.sort(Comparator.comparing(OperationDescription::name));
            // data contracts first, so that an operation's wrapper can see whether its name is taken
            for (OperationDescription op : ops) {
                String where = contract.type().getSimpleName() + "." + op.method().getName();
                for (ParameterDescription p : op.parameters()) {
                    reserve(p.genericType(), where + " parameter " + p.name());
                }
                if (op.hasResult()) {
                    reserve(op.genericReturnType(), where + " result");
                }
                for (FaultDescription f : op.faults()) {
                    faultDetails.put(f.faultInfoType(), dataContract(f.faultInfoType(), where + " fault " + f.name()));
                }
            }
            for (OperationDescription op : ops) {
                String where = contract.type().getSimpleName() + "." + op.method().getName();
                String methodName = Character.toUpperCase(op.name().charAt(0)) + op.name().substring(1);
                MessageSchema request = wrapper(methodName + "Request");
                for (ParameterDescription p : op.parameters()) {
                    request.add(field(p.index() + 1, p.name(), p.genericType(), where + " parameter " + p.name()));
                }
                nestEntries(request);
                MessageSchema response = null;
                if (!op.oneWay()) {
                    response = wrapper(methodName + "Response");
                    if (op.hasResult()) {
                        response.add(field(1, "result", op.genericReturnType(), where + " result"));
                    }
                    nestEntries(response);
                }
                OperationSchema os = new OperationSchema(op, methodName, request, response);
                if (byMethodName.putIfAbsent(methodName, os) != null) {
                    throw invalid(where, "two operations are both the gRPC method " + methodName);
                }
                byOperation.put(op, os);
            }
            if (contract.callbackContract() != null) {
                callbacks = callbackSchema(contract.callbackContract());
            }
            return new ContractSchema(this);
        }

        /** The session envelopes of a duplex contract; the callback operations' fields numbered 4.. in name order. */
        private CallbackSchema callbackSchema(ContractDescription cb) {
            if (byMethodName.containsKey(CONNECT)) {
                throw invalid(contract.type().getName(), "a duplex contract's session is the gRPC method " + CONNECT
                        + "; rename the operation connect");
            }
            List<OperationDescription> ops = new ArrayList<>(cb.operations());
            ops.sort(Comparator.comparing(OperationDescription::name));
            for (OperationDescription op : ops) {
                String where = cb.type().getSimpleName() + "." + op.method().getName();
                for (ParameterDescription p : op.parameters()) {
                    reserve(p.genericType(), where + " parameter " + p.name());
                }
                if (op.hasResult()) {
                    reserve(op.genericReturnType(), where + " result");
                }
            }
            MessageSchema callback = wrapper(contract.name() + "Callback");
            MessageSchema reply = wrapper(contract.name() + "CallbackReply");
            callback.add(new MessageSchema.Field(1, "id", "id", FieldKind.INT64, false, false, null, null));
            callback.add(new MessageSchema.Field(2, "timeoutMillis", "timeoutMillis", FieldKind.INT64, false, false, null, null));
            MessageSchema metadataEntry = new MessageSchema("MetadataEntry");
            metadataEntry.add(new MessageSchema.Field(1, "key", "key", FieldKind.STRING, false, false, null, null));
            metadataEntry.add(new MessageSchema.Field(2, "value", "value", FieldKind.STRING, false, false, null, null));
            callback.add(new MessageSchema.Field(3, "metadata", "metadata", FieldKind.MAP_ENTRY, true, false, metadataEntry, null));
            mapEntries.put(callback, List.of(metadataEntry));
            reply.add(new MessageSchema.Field(1, "id", "id", FieldKind.INT64, false, false, null, null));
            reply.add(new MessageSchema.Field(2, "code", "code", FieldKind.INT32, false, false, null, null));
            reply.add(new MessageSchema.Field(3, "message", "message", FieldKind.STRING, false, false, null, null));
            Map<OperationDescription, MessageSchema> requests = new LinkedHashMap<>();
            Map<OperationDescription, MessageSchema> results = new LinkedHashMap<>();
            Map<OperationDescription, String> fieldOf = new LinkedHashMap<>();
            int number = 4;
            for (OperationDescription op : ops) {
                String where = cb.type().getSimpleName() + "." + op.method().getName();
                String name = Character.toUpperCase(op.name().charAt(0)) + op.name().substring(1);
                MessageSchema request = wrapper(name + "CallbackRequest");
                for (ParameterDescription p : op.parameters()) {
                    request.add(field(p.index() + 1, p.name(), p.genericType(), where + " parameter " + p.name()));
                }
                nestEntries(request);
                String fieldName = protoIdentifier(op.name(), where);
                callback.add(new MessageSchema.Field(number, fieldName, fieldName, FieldKind.MESSAGE, false, false, request, null));
                requests.put(op, request);
                if (!op.oneWay()) {
                    MessageSchema response = wrapper(name + "CallbackResponse");
                    if (op.hasResult()) {
                        response.add(field(1, "result", op.genericReturnType(), where + " result"));
                    }
                    nestEntries(response);
                    reply.add(new MessageSchema.Field(number, fieldName, fieldName, FieldKind.MESSAGE, false, false, response, null));
                    results.put(op, response);
                }
                fieldOf.put(op, fieldName);
                number++;
            }
            callback.oneof = "call";
            callback.oneofFrom = 4;
            reply.oneof = "result";
            reply.oneofFrom = 4;
            return new CallbackSchema(callback, reply, requests, results, fieldOf);
        }

        /** Registers the data contracts a type refers to, so wrappers know which names are taken. */
        private void reserve(Type type, String where) {
            List<MessageSchema> outer = pendingEntries;
            pendingEntries = new ArrayList<>();
            field(1, "x", type, where);
            pendingEntries = outer;
        }

        /** Puts the map entry types made while filling {@code message} inside it. */
        private void nestEntries(MessageSchema message) {
            if (!pendingEntries.isEmpty()) {
                mapEntries.put(message, pendingEntries);
                pendingEntries = new ArrayList<>();
            }
        }

        private MessageSchema wrapper(String name) {
            String unique = names.containsKey(name) ? contract.name() + name : name;
            claim(unique, "the wrapper of an operation");
            MessageSchema m = new MessageSchema(unique);
            wrappers.add(m);
            return m;
        }

        private void claim(String name, String what) {
            String before = names.putIfAbsent(name, what);
            if (before != null) {
                throw invalid(contract.type().getName(), "the protobuf name " + name + " would be both " + before
                        + " and " + what + "; give one of them another @XmlType name");
            }
        }

        private MessageSchema.Field field(int number, String name, Type type, String where) {
            JavaType jt = mapper.getTypeFactory().constructType(type);
            boolean repeated = false;
            if (jt.isArrayType() && jt.getContentType().getRawClass() != byte.class || jt.isCollectionLikeType()) {
                repeated = true;
                jt = jt.getContentType();
                if (jt.isContainerType() && !(jt.isArrayType() && jt.getContentType().getRawClass() == byte.class)) {
                    throw invalid(where, "a list of lists or maps has no protobuf form; wrap the inner one in a data contract");
                }
            } else if (jt.isMapLikeType()) {
                return mapField(number, name, jt, where);
            }
            Class<?> raw = jt.getRawClass();
            FieldKind kind = scalarKind(raw);
            String protoName = protoIdentifier(name, where);
            if (kind != null) {
                // a message (Timestamp) has presence already; a primitive is never null
                boolean optional = !repeated && !raw.isPrimitive() && kind != FieldKind.TIMESTAMP;
                return new MessageSchema.Field(number, protoName, name, kind, repeated, optional, null, null);
            }
            if (raw.isEnum()) {
                return new MessageSchema.Field(number, protoName, name, FieldKind.ENUM, repeated, !repeated, null, enumType(raw, where));
            }
            return new MessageSchema.Field(number, protoName, name, FieldKind.MESSAGE, repeated, false, dataContract(jt, where), null);
        }

        private MessageSchema.Field mapField(int number, String name, JavaType jt, String where) {
            Class<?> key = jt.getKeyType().getRawClass();
            FieldKind keyKind = scalarKind(key);
            if (keyKind != FieldKind.STRING && keyKind != FieldKind.INT32 && keyKind != FieldKind.INT64 && keyKind != FieldKind.BOOL) {
                throw invalid(where, "a map's key must be a string, an integer or a boolean to have a protobuf form, not "
                        + key.getName());
            }
            String protoName = protoIdentifier(name, where);
            MessageSchema entry = new MessageSchema(Character.toUpperCase(protoName.charAt(0)) + protoName.substring(1) + "Entry");
            entry.add(new MessageSchema.Field(1, "key", "key", keyKind, false, false, null, null));
            MessageSchema.Field value = field(2, "value", jt.getContentType(), where + " map value");
            if (value.repeated() || value.kind() == FieldKind.MAP_ENTRY) {
                throw invalid(where, "a map of lists or maps has no protobuf form; wrap the value in a data contract");
            }
            // a map value has no presence in protobuf: drop optional, as protoc requires
            entry.add(new MessageSchema.Field(2, "value", "value", value.kind(), false, false, value.message(), value.enumType()));
            pendingEntries.add(entry);
            return new MessageSchema.Field(number, protoName, name, FieldKind.MAP_ENTRY, true, false, entry, null);
        }

        private MessageSchema dataContract(Class<?> type, String where) {
            return dataContract(mapper.constructType(type), where);
        }

        private MessageSchema dataContract(JavaType jt, String where) {
            Class<?> raw = jt.getRawClass();
            MessageSchema known = dataContracts.get(raw);
            if (known != null) {
                return known;
            }
            if (raw == Object.class || raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) || raw.isPrimitive()
                    || raw.getTypeParameters().length > 0 || raw.isArray()) {
                throw invalid(where, raw.getName() + " has no protobuf form: a data contract must be a concrete, "
                        + "non-generic class or record");
            }
            String name = messageName(raw);
            claim(name, "the data contract " + raw.getName());
            MessageSchema message = new MessageSchema(name);
            dataContracts.put(raw, message);
            List<MessageSchema> outerEntries = pendingEntries;
            pendingEntries = new ArrayList<>();
            ClassIntrospector introspector = mapper.serializationConfig().classIntrospectorInstance();
            List<BeanPropertyDefinition> props = introspector.introspectForSerialization(jt,
                    introspector.introspectClassAnnotations(jt)).findProperties();
            Set<Integer> pinned = new HashSet<>();
            for (BeanPropertyDefinition p : props) {
                Integer index = p.getMetadata().getIndex();
                if (index != null && (index < 1 || index > 536_870_911 || !pinned.add(index))) {
                    throw invalid(raw.getName(), "property " + p.getName() + " has @JsonProperty(index = " + index
                            + "), which is not a free protobuf field number");
                }
            }
            int next = 1;
            String propWhere = raw.getSimpleName();
            for (BeanPropertyDefinition p : props) {
                Integer index = p.getMetadata().getIndex();
                int number;
                if (index != null) {
                    number = index;
                } else {
                    while (pinned.contains(next)) {
                        next++;
                    }
                    number = next++;
                }
                message.add(field(number, p.getName(), p.getPrimaryType(), propWhere + "." + p.getName()));
            }
            nestEntries(message);
            pendingEntries = outerEntries;
            return message;
        }

        private MessageSchema.EnumSchema enumType(Class<?> type, String where) {
            MessageSchema.EnumSchema known = enums.get(type);
            if (known != null) {
                return known;
            }
            String name = messageName(type);
            claim(name, "the enum " + type.getName());
            String prefix = upperSnake(name) + "_";
            List<String> valueNames = new ArrayList<>();
            List<String> jsonNames = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                valueNames.add(prefix + upperSnake(((Enum<?>) constant).name()));
                jsonNames.add(mapper.convertValue(constant, String.class));
            }
            MessageSchema.EnumSchema e = new MessageSchema.EnumSchema(name, List.copyOf(valueNames), List.copyOf(jsonNames));
            enums.put(type, e);
            return e;
        }

        private static String messageName(Class<?> type) {
            XmlType xt = type.getAnnotation(XmlType.class);
            String name = xt != null && !xt.name().isEmpty() && !xt.name().startsWith("#") ? xt.name() : type.getSimpleName();
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }

        FileDescriptorProto fileProto() {
            FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
                    .setName(packageName.replace('.', '/') + (packageName.isEmpty() ? "" : "/") + contract.name() + DEFAULT_FILE_SUFFIX)
                    .setSyntax("proto3")
                    .setOptions(FileOptions.newBuilder().setJavaMultipleFiles(true).build())
                    .addDependency(TIMESTAMP_FILE)
                    .addDependency(EMPTY_FILE);
            if (!packageName.isEmpty()) {
                file.setPackage(packageName);
            }
            List<MessageSchema> messages = new ArrayList<>(wrappers);
            messages.addAll(dataContracts.values());
            messages.sort(Comparator.comparing(m -> m.name));
            for (MessageSchema m : messages) {
                file.addMessageType(describe(m));
            }
            List<MessageSchema.EnumSchema> enumList = new ArrayList<>(enums.values());
            enumList.sort(Comparator.comparing(MessageSchema.EnumSchema::name));
            for (MessageSchema.EnumSchema e : enumList) {
                EnumDescriptorProto.Builder eb = EnumDescriptorProto.newBuilder().setName(e.name())
                        .addValue(EnumValueDescriptorProto.newBuilder().setName(upperSnake(e.name()) + "_UNSPECIFIED").setNumber(0));
                for (int i = 0; i < e.valueNames().size(); i++) {
                    eb.addValue(EnumValueDescriptorProto.newBuilder().setName(e.valueNames().get(i)).setNumber(i + 1));
                }
                file.addEnumType(eb);
            }
            ServiceDescriptorProto.Builder service = ServiceDescriptorProto.newBuilder().setName(contract.name());
            for (OperationSchema os : byMethodName.values()) {
                service.addMethod(MethodDescriptorProto.newBuilder().setName(os.methodName())
                        .setInputType(os.request().qualifiedName(packageName))
                        .setOutputType(os.response() == null ? ".google.protobuf.Empty" : os.response().qualifiedName(packageName)));
            }
            if (callbacks != null) {
                service.addMethod(MethodDescriptorProto.newBuilder().setName(CONNECT)
                        .setInputType(callbacks.reply().qualifiedName(packageName))
                        .setOutputType(callbacks.callback().qualifiedName(packageName))
                        .setClientStreaming(true).setServerStreaming(true));
            }
            file.addService(service);
            return file.build();
        }

        private DescriptorProto describe(MessageSchema m) {
            DescriptorProto.Builder b = DescriptorProto.newBuilder().setName(m.name);
            if (m.oneof != null) {
                b.addOneofDecl(OneofDescriptorProto.newBuilder().setName(m.oneof));   // real oneofs before proto3 optional's
            }
            for (MessageSchema entry : mapEntries.getOrDefault(m, List.of())) {
                b.addNestedType(describe(entry).toBuilder().setOptions(MessageOptions.newBuilder().setMapEntry(true)));
            }
            for (MessageSchema.Field f : m.fields()) {
                FieldDescriptorProto.Builder fb = FieldDescriptorProto.newBuilder().setName(f.name()).setNumber(f.number())
                        .setJsonName(f.jsonName()).setType(f.kind().protoType)
                        .setLabel(f.repeated() ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
                switch (f.kind()) {
                    case TIMESTAMP -> fb.setTypeName(FieldKind.TIMESTAMP.protoName);
                    case MESSAGE -> fb.setTypeName(f.message().qualifiedName(packageName));
                    case MAP_ENTRY -> fb.setTypeName(m.qualifiedName(packageName) + "." + f.message().name);
                    case ENUM -> fb.setTypeName("." + (packageName.isEmpty() ? "" : packageName + ".") + f.enumType().name());
                    default -> { }
                }
                if (m.oneof != null && f.number() >= m.oneofFrom) {
                    fb.setOneofIndex(0);
                } else if (f.optional()) {
                    fb.setProto3Optional(true).setOneofIndex(b.getOneofDeclCount());
                    b.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + f.name()));
                }
                b.addField(fb);
            }
            return b.build();
        }
    }

    /** The kind of a scalar type, or null for an enum or a data contract. */
    static FieldKind scalarKind(Class<?> t) {
        if (t == boolean.class || t == Boolean.class) {
            return FieldKind.BOOL;
        }
        if (t == int.class || t == Integer.class || t == short.class || t == Short.class || t == byte.class || t == Byte.class) {
            return FieldKind.INT32;
        }
        if (t == long.class || t == Long.class) {
            return FieldKind.INT64;
        }
        if (t == float.class || t == Float.class) {
            return FieldKind.FLOAT;
        }
        if (t == double.class || t == Double.class) {
            return FieldKind.DOUBLE;
        }
        if (t == String.class || t == char.class || t == Character.class) {
            return FieldKind.STRING;
        }
        if (t == byte[].class) {
            return FieldKind.BYTES;
        }
        if (t == BigDecimal.class) {
            return FieldKind.DECIMAL;
        }
        if (t == BigInteger.class) {
            return FieldKind.BIG_INTEGER;
        }
        if (t == Instant.class || t == OffsetDateTime.class || t == ZonedDateTime.class || Date.class.isAssignableFrom(t)) {
            return FieldKind.TIMESTAMP;
        }
        if (t == UUID.class || t == URI.class || t == LocalDate.class || t == LocalTime.class || t == LocalDateTime.class
                || t == YearMonth.class) {
            return FieldKind.TEXT;
        }
        return null;
    }

    /** {@code accountId} → {@code ACCOUNT_ID}. */
    static String upperSnake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)))) {
                sb.append('_');
            }
            sb.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    private static String protoIdentifier(String name, String where) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetter(c) || c == '_' || i > 0 && Character.isDigit(c));
            sb.append(ok ? c : '_');
        }
        if (sb.isEmpty()) {
            throw invalid(where, "an empty name has no protobuf form");
        }
        return sb.toString();
    }

    private static InvalidContractException invalid(String where, String rule) {
        return new InvalidContractException("Invalid contract for gRPC, " + where + ": " + rule);
    }
}
