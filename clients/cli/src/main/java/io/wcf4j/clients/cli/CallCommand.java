package io.wcf4j.clients.cli;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.InvalidContractException;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.spi.EndpointAddress;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** {@code call <address> <operation>}: one operation of a contract over any binding, through a ChannelFactory proxy. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Calls an operation over the endpoint's binding and prints the result as JSON. A declared fault "
                + "is printed with its type and detail, and the command exits with 3.",
        footer = {"", "Examples:",
                "  wcf4j call http://localhost:8080/api/ledger openAccount --arg owner=alice --arg initialDeposit=100.00",
                "  wcf4j call net.tcp://localhost:8808/ledger getAccount --arg accountId=1 --table",
                "  wcf4j call http://localhost:8080/services/ledger transfer --json '{\"requestId\":\"r-1\",\"fromAccount\":1,\"toAccount\":2,\"amount\":5.00}'",
                "  wcf4j call net.pipe:///var/lib/wcf4j/ledger.sock getTotals --repeat 1000 --concurrency 8",
                "  wcf4j call https://localhost:8443/api/ledger getTotals --ca data/pki/ca.pem --user teller --password-env LEDGER_PASSWORD",
                "  wcf4j call net.tcp://localhost:8809/ledger getTotals --tls --ca data/pki/ca.pem --cert data/pki/client-alice.pem \\",
                "      --key data/pki/client-alice-key.pem"})
final class CallCommand implements Callable<Integer> {
    private static final Map<String, String> BINDING_BY_SCHEME = Map.of("net.tcp", "net-tcp", "net.pipe", "net-pipe", "jms", "soap-jms",
            "grpc", "grpc", "local", "local");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<endpoint-address>", description = "The endpoint address, as /metadata lists it; "
            + "with --config, the name of a client endpoint of that file.")
    String address;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration with client endpoints (wcf4j.clients: "
            + "address, binding, settings, credential): <endpoint-address> names one of them. Placeholders resolve from "
            + "system properties and the environment.")
    java.nio.file.Path config;

    @Parameters(index = "1", paramLabel = "<operation>", description = "The operation name, as the contract names it.")
    String operation;

    @Option(names = "--arg", paramLabel = "name=value", description = "An argument; the value is read as JSON if it is JSON, else as text. Repeatable.")
    List<String> args = new ArrayList<>();

    @Option(names = "--json", paramLabel = "'{...}'", description = "Arguments as one JSON object of parameter names; for an operation "
            + "whose one parameter is a data contract, that object itself.")
    String json;

    @Option(names = "--metadata", paramLabel = "URL", description = "The host's HTTP base address (e.g. http://localhost:8080), "
            + "whose published contract description is used when the contract's classes are not on the class path: "
            + "the endpoint is then called from it alone (on REST with its OpenAPI document, on gRPC by server reflection).")
    String metadataHost;

    @Option(names = "--binding", paramLabel = "TYPE", description = "soap-http, rest-json, net-tcp, net-pipe, soap-jms, grpc; by default the "
            + "address scheme says, or for http the host's /metadata.")
    String binding;

    @Option(names = "--broker", paramLabel = "URL", description = "For jms: addresses, the Artemis broker "
            + "(default tcp://127.0.0.1:61616, the console host's embedded broker).")
    String broker;

    @Option(names = "--broker-user", paramLabel = "NAME", description = "For jms: addresses, the broker account "
            + "(the console host's: ledger-client); its password from --broker-password-file or --broker-password-env.")
    String brokerUser;

    @Option(names = "--broker-password-file", paramLabel = "FILE", description = "Read the broker password from the first line of FILE.")
    java.nio.file.Path brokerPasswordFile;

    @Option(names = "--broker-password-env", paramLabel = "VAR", description = "Read the broker password from the environment variable VAR.")
    String brokerPasswordEnv;

    @Option(names = "--soap-version", paramLabel = "1.1|1.2", description = "For soap-http without /metadata to ask.")
    String soapVersion;

    @Option(names = "--contract", paramLabel = "CLASS", description = "The contract interface (default: the client endpoint's "
            + "contract with --config, else io.wcf4j.sample.ledger.Ledger). Other contracts' classes come in with "
            + "java -Dloader.path=<their jar> -jar wcf4j-cli.jar.")
    String contract;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", description = "How long to wait for a reply (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--table", description = "Print the result as a table instead of JSON.")
    boolean table;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Call N times and print a latency summary.")
    int repeat;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1", description = "With --repeat: C callers at once.")
    int concurrency;

    @CommandLine.Mixin
    SecurityOptions security = new SecurityOptions();

    private static final String DEFAULT_CONTRACT = "io.wcf4j.sample.ledger.Ledger";
    /** Description kinds whose values a command line gives as text. */
    private static final java.util.Set<String> TEXT_KINDS = java.util.Set.of("string", "date", "date-time", "enum");


    /** The endpoint of the --metadata host at this address, once looked up. */
    private JsonNode publishedEndpoint;

    /** With a contract made from its published description: each parameter's kind, by name. */
    private final Map<String, String> kinds = new java.util.HashMap<>();

    private final ObjectMapper mapper = DataContractMapper.json();

    @Override
    public Integer call() throws Exception {
        io.wcf4j.config.Wcf4jConfig clients = null;
        if (config != null) {
            try {
                clients = io.wcf4j.config.ConfigLoader.load(config);
                if (contract == null) {
                    contract = clients.client(address).contract();
                }
            } catch (io.wcf4j.config.ConfigException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--config " + config + ": " + e.getMessage());
            }
        }
        JsonNode published = null;
        if (contract == null && metadataHost != null) {
            published = publishedDescription();
            contract = published.path("contract").asString();
        }
        if (contract == null) {
            contract = DEFAULT_CONTRACT;
        }
        Class<?> contractType;
        ContractDescription description;
        try {
            try {
                contractType = Class.forName(contract);
            } catch (ClassNotFoundException e) {
                if (metadataHost == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--contract " + contract + ": no such class on the CLI's "
                            + "class path; add the jar that has it (java -Dloader.path=<contracts.jar> -jar wcf4j-cli.jar call ...), "
                            + "or give --metadata <host> to call it from its published description");
                }
                published = published != null ? published : publishedDescription();
                String publishedBinding = publishedEndpoint.path("binding").asString();
                try {
                    contractType = DynamicContract.define(published, publishedBinding.equals("rest-json") ? restMappings(publishedEndpoint)
                            : Map.of(), publishedBinding.startsWith("soap-") ? DynamicContract.Values.DATA_CLASSES
                            : DynamicContract.Values.JSON_TREES);
                } catch (IllegalArgumentException notAClass) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "the contract published for " + address
                            + " cannot be called without its classes over " + publishedBinding + ": " + notAClass.getMessage());
                }
                for (JsonNode op : published.path("operations")) {
                    if (op.path("name").asString().equals(operation)) {
                        op.path("parameters").forEach(p -> kinds.put(p.path("name").asString(), p.path("type").path("kind").asString()));
                    }
                }
            }
            description = ContractDescription.of(contractType);
        } catch (InvalidContractException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--contract " + contract + ": " + e.getMessage());
        }
        boolean dynamic = !kinds.isEmpty() || DynamicContract.isDynamic(contractType);
        OperationDescription op = description.operation(operation).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown operation '" + operation + "'; " + description.name() + " has "
                + description.operations().stream().map(OperationDescription::name).toList()));
        Object[] arguments = arguments(op);
        if (repeat < 1 || concurrency < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat and --concurrency must be at least 1");
        }
        ChannelFactory<?> built;
        try {
            ChannelFactory.Builder<?> b = ChannelFactory.builder(contractType);
            if (clients != null) {
                // the file says where and how; options given here add to it
                b.clientEndpoint(clients, address);
            } else {
                EndpointAddress target = EndpointAddress.parse(address);
                BindingConfig bindingConfig = bindingFor(target);
                if (dynamic && bindingConfig.type().equals("grpc")) {
                    return grpcByReflection(target, description, op, arguments);
                }
                b.address(address).binding(BindingConfig.of(bindingConfig.type(), security.settings(target.scheme(), bindingConfig.settings())));
            }
            b.setting("send-timeout", timeout);
            security.credentials(spec.commandLine()).forEach(b::behavior);
            built = b.build();
        } catch (IllegalArgumentException | io.wcf4j.config.ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (ChannelFactory<?> factory = built) {
            Object proxy = factory.createChannel();
            if (repeat > 1) {
                return repeated(op, proxy, arguments);
            }
            try {
                Object result = op.method().invoke(proxy, arguments);
                print(op, result);
                return 0;
            } catch (InvocationTargetException e) {
                return failure(op, e.getCause());
            }
        }
    }

    /**
     * A gRPC endpoint without the contract's classes: the schema from the host's server reflection, as grpcurl reads
     * it ({@link GrpcReflectionCall}); the output and exit codes as on every other binding.
     */
    private int grpcByReflection(EndpointAddress target, ContractDescription description, OperationDescription op,
                                 Object[] arguments) throws Exception {
        if (repeat > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat needs the contract's classes on gRPC");
        }
        ObjectNode request = mapper.createObjectNode();
        for (io.wcf4j.model.ParameterDescription p : op.parameters()) {
            request.set(p.name(), mapper.valueToTree(arguments[p.index()]));
        }
        GrpcReflectionCall.Answer answer;
        try (GrpcReflectionCall grpc = new GrpcReflectionCall(target.host(), target.port(), security.wantsTls(), security.ca(),
                io.wcf4j.config.Durations.parse(timeout))) {
            answer = grpc.call(description.name(), op.name(), request.toString(), security.authorization(spec.commandLine()));
        } catch (com.google.protobuf.InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), op.name() + " over gRPC: " + e.getMessage());
        } catch (io.grpc.StatusRuntimeException e) {
            System.err.println("error " + e.getStatus().getCode() + ": " + e.getStatus().getDescription());
            return Wcf4jCli.UNREACHABLE;
        }
        if (answer.status().isOk()) {
            // the reply message carries what the operation returned in its field "result"
            print(op, mapper.readTree(answer.json()).path("result"));
            return 0;
        }
        if (answer.fault() != null) {
            JsonNode detail = answer.faultDetailJson() == null ? null : mapper.readTree(answer.faultDetailJson());
            // an Any prints its type beside its fields; the detail is the fields
            if (detail instanceof ObjectNode o) {
                o.remove("@type");
            }
            printFault(answer.fault(), answer.status().getDescription(), detail);
            return Wcf4jCli.FAULT;
        }
        return failure(op, new ServiceException(faultCode(answer), String.valueOf(answer.status().getDescription())));
    }

    /** wcf4j's code for a failed gRPC call: the host's own ({@code ErrorInfo.reason}), else the status's. */
    private static FaultCode faultCode(GrpcReflectionCall.Answer answer) {
        if (answer.reason() != null) {
            try {
                return FaultCode.valueOf(answer.reason());
            } catch (IllegalArgumentException notOurs) {
                // a reason of another domain: the status says it
            }
        }
        return switch (answer.status().getCode()) {
            case UNAVAILABLE -> FaultCode.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> FaultCode.DEADLINE_EXCEEDED;
            case INVALID_ARGUMENT -> FaultCode.INVALID_ARGUMENT;
            case UNIMPLEMENTED -> FaultCode.UNKNOWN_OPERATION;
            case UNAUTHENTICATED -> FaultCode.UNAUTHENTICATED;
            default -> FaultCode.INTERNAL;
        };
    }

    private void print(OperationDescription op, Object result) throws JacksonException {
        if (!op.hasResult()) {
            System.out.println(op.oneWay() ? "accepted (one-way)" : "done");
            return;
        }
        JsonNode tree = mapper.valueToTree(result);
        System.out.print(table ? Tables.render(tree) : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + System.lineSeparator());
    }

    /** A declared fault, as every binding's call prints it: its name, message and detail. */
    private void printFault(String name, String message, JsonNode detail) throws JacksonException {
        ObjectNode out = mapper.createObjectNode();
        out.put("fault", name);
        out.put("message", message);
        if (detail != null) {
            out.set("detail", detail);
        }
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    private int failure(OperationDescription op, Throwable t) throws JacksonException {
        Optional<FaultDescription> fd = t instanceof Exception e ? op.faultFor(e) : Optional.empty();
        if (fd.isPresent()) {
            printFault(fd.get().name(), t.getMessage(), mapper.valueToTree(fd.get().faultInfo(t)));
            return Wcf4jCli.FAULT;
        }
        if (t instanceof ServiceException se) {
            System.err.println("error " + se.code() + ": " + se.getMessage());
            if (se.code() == FaultCode.UNAVAILABLE || se.code() == FaultCode.DEADLINE_EXCEEDED) {
                return Wcf4jCli.UNREACHABLE;
            }
            return se.code() == FaultCode.INVALID_ARGUMENT || se.code() == FaultCode.UNKNOWN_OPERATION ? 2 : Wcf4jCli.SERVICE_ERROR;
        }
        System.err.println("error: " + t);
        return Wcf4jCli.SERVICE_ERROR;
    }

    private int repeated(OperationDescription op, Object proxy, Object[] arguments) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger left = new AtomicInteger(repeat);
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(repeat));
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            done.add(pool.submit(() -> {
                while (left.decrementAndGet() >= 0) {
                    long t0 = System.nanoTime();
                    try {
                        op.method().invoke(proxy, arguments);
                    } catch (InvocationTargetException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getCause());
                    }
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d calls, %d failed, %d concurrent, %.0f calls/s%n", repeat, failures.get(), concurrency, repeat / seconds);
        System.out.printf("latency ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f%n", pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.get(sorted.size() - 1) / 1e6);
        return firstFailure.get() == null ? 0 : failure(op, firstFailure.get());
    }

    private static double pct(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    private Object[] arguments(OperationDescription op) {
        ObjectNode given = mapper.createObjectNode();
        if (json != null) {
            JsonNode parsed;
            try {
                parsed = mapper.readTree(json);
            } catch (JacksonException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--json is not valid JSON: " + e.getOriginalMessage());
            }
            if (!parsed.isObject()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--json must be a JSON object");
            }
            boolean namesParameters = op.parameters().stream().anyMatch(p -> parsed.has(p.name()));
            if (!namesParameters && op.parameters().size() == 1 && !ContractDescription.isSimpleType(op.parameters().get(0).type())) {
                given.set(op.parameters().get(0).name(), parsed);
            } else {
                given.setAll((ObjectNode) parsed);
            }
        }
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--arg " + a + ": expected name=value");
            }
            String name = a.substring(0, eq);
            String value = a.substring(eq + 1);
            Class<?> type = op.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                    .map(ParameterDescription::type).orElse(Object.class);
            String kind = kinds.get(name);
            boolean text = kind != null ? TEXT_KINDS.contains(kind)
                    : type == String.class || (ContractDescription.isSimpleType(type) && !isNumberOrBoolean(type));
            JsonNode v;
            if (text) {
                // text stays text: "null", "1e3" or "42 apples" are what the user typed
                v = StringNode.valueOf(value);
            } else {
                try {
                    v = mapper.reader().with(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                            .readTree(value);
                } catch (JacksonException e) {
                    v = StringNode.valueOf(value);
                }
                if (v == null || v.isMissingNode()) {
                    v = StringNode.valueOf(value);
                }
            }
            given.set(name, v);
        }
        for (String name : given.propertyNames()) {
            if (op.parameters().stream().noneMatch(p -> p.name().equals(name))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "operation " + op.name() + " has no parameter '"
                        + name + "'; it takes " + op.parameters().stream().map(p -> p.name() + ":" + p.type().getSimpleName()).toList());
            }
        }
        Object[] values = new Object[op.parameters().size()];
        for (ParameterDescription p : op.parameters()) {
            JsonNode v = given.get(p.name());
            if (v == null || v.isNull()) {
                if (p.type().isPrimitive()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "missing argument '" + p.name() + "' ("
                            + p.type().getSimpleName() + "): add --arg " + p.name() + "=...");
                }
                continue;
            }
            try {
                if (v.isString() && isNumberOrBoolean(p.type())) {
                    v = mapper.reader().with(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                            .readTree(v.asString().isEmpty() ? "\"\"" : v.asString());
                }
                values[p.index()] = mapper.readerFor(mapper.getTypeFactory().constructType(p.genericType())).readValue(v);
            } catch (Exception e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "argument '" + p.name() + "' is not a valid "
                        + p.type().getSimpleName() + ": " + v);
            }
        }
        return values;
    }

    private static boolean isNumberOrBoolean(Class<?> t) {
        return t.isPrimitive() && t != char.class || Number.class.isAssignableFrom(t) || t == Boolean.class;
    }

    private BindingConfig bindingFor(EndpointAddress a) throws Exception {
        String type = binding != null ? binding : BINDING_BY_SCHEME.get(a.scheme());
        String version = soapVersion;
        if (type == null && (a.scheme().equals("http") || a.scheme().equals("https"))) {
            // an HTTP address may be SOAP or REST: the host's metadata says which
            // /metadata sits at the application's root: the server's root, or a WAR's context path
            String root = a.scheme() + "://" + a.uri().getRawAuthority();
            String path = a.uri().getPath() == null ? "" : a.uri().getPath();
            JsonNode endpoints = null;
            String base = root;
            for (String prefix = parent(path); endpoints == null; prefix = parent(prefix)) {
                base = root + prefix;
                try {
                    endpoints = ListCommand.metadata(base, security.metadataTls()).get("endpoints");
                } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                    throw new ServiceUnreachable(root + ": " + e.getMessage());
                } catch (IllegalStateException notThere) {
                    if (prefix.isEmpty()) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "no /metadata at " + root
                                + " or under " + path + "; give --binding");
                    }
                }
            }
            for (JsonNode e : endpoints) {
                // jms: and other opaque addresses have no path: they never match an http one
                if (java.util.Objects.equals(URI.create(e.path("address").asString()).getPath(), a.uri().getPath())) {
                    type = e.path("binding").asString();
                    if (version == null && type.equals("soap-http") && e.path("documents").has("wsdl")) {
                        version = soapVersionOf(e.path("documents").path("wsdl").asString(), security.metadataTls());
                    }
                }
            }
            if (type == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no endpoint at " + a + " in " + base
                        + "/metadata; give --binding");
            }
        }
        if (type == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot tell the binding of " + a + "; give --binding");
        }
        if (type.equals("soap-jms") && (broker != null || brokerUser != null)) {
            Map<String, Object> jms = new java.util.HashMap<>();
            if (broker != null) {
                jms.put("url", broker);
            }
            if (brokerUser != null) {
                String password = SecurityOptions.secret(spec.commandLine(), brokerPasswordFile, brokerPasswordEnv, null);
                if (password == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--broker-user needs --broker-password-file or --broker-password-env");
                }
                jms.put("user", brokerUser);
                jms.put("password", password);
            }
            return BindingConfig.of(type, jms);
        }
        return type.equals("soap-http") && version != null
                ? BindingConfig.of(type, Map.of("soap-version", version)) : BindingConfig.of(type);
    }

    /** The contract description the --metadata host publishes for the endpoint at this address. */
    private JsonNode publishedDescription() throws Exception {
        JsonNode endpoints;
        try {
            endpoints = ListCommand.metadata(metadataHost, security.metadataTls()).get("endpoints");
        } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
            throw new ServiceUnreachable(metadataHost + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metadata " + metadataHost + ": " + e.getMessage());
        }
        List<String> known = new ArrayList<>();
        for (JsonNode e : endpoints) {
            known.add(e.path("address").asString());
            if (e.path("address").asString().equals(address)) {
                publishedEndpoint = e;
                String url = e.path("documents").path("contract").asString("");
                if (url.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), metadataHost + " publishes no contract description for " + address);
                }
                try {
                    return ListCommand.json(url, security.metadataTls());
                } catch (IllegalStateException notThere) {
                    throw new CommandLine.ParameterException(spec.commandLine(), notThere.getMessage());
                }
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "no endpoint at " + address + " in " + metadataHost + "/metadata; it has "
                + known);
    }

    /** Each operation's REST mapping, from the endpoint's OpenAPI document (its operations below the endpoint's path). */
    private Map<String, DynamicContract.RestMapping> restMappings(JsonNode endpoint) throws Exception {
        String url = endpoint.path("documents").path("openapi").asString("");
        if (url.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the REST endpoint " + address + " publishes no OpenAPI document");
        }
        JsonNode openApi;
        try {
            openApi = ListCommand.json(url, security.metadataTls());
        } catch (IllegalStateException notThere) {
            throw new CommandLine.ParameterException(spec.commandLine(), notThere.getMessage());
        }
        String base = URI.create(endpoint.path("address").asString()).getPath();
        String name = endpoint.path("name").asString();
        Map<String, DynamicContract.RestMapping> out = new java.util.HashMap<>();
        openApi.path("paths").properties().forEach(path -> {
            if (!path.getKey().equals(base) && !path.getKey().startsWith(base + "/")) {
                return;
            }
            String relative = path.getKey().substring(base.length()).replaceFirst("^/", "");
            path.getValue().properties().forEach(method -> {
                String id = method.getValue().path("operationId").asString();
                String operationName = id.startsWith(name + "_") ? id.substring(name.length() + 1) : id;
                Map<String, DynamicContract.RestMapping.Param> params = new java.util.HashMap<>();
                for (JsonNode p : method.getValue().path("parameters")) {
                    params.put(p.path("x-wcf4j-parameter").asString(p.path("name").asString()),
                            new DynamicContract.RestMapping.Param(p.path("in").asString(), p.path("name").asString()));
                }
                out.put(operationName, new DynamicContract.RestMapping(method.getKey().toUpperCase(java.util.Locale.ROOT), relative, params));
            });
        });
        return out;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    /** The SOAP version a WSDL's binding declares. */
    private static String soapVersionOf(String wsdlUrl, javax.net.ssl.SSLContext tls) throws Exception {
        String wsdl = ListCommand.document(wsdlUrl, tls);
        return wsdl.contains("http://schemas.xmlsoap.org/wsdl/soap12/") ? "1.2" : "1.1";
    }

    /** The host's metadata could not be fetched. */
    static final class ServiceUnreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceUnreachable(String message) {
            super(message);
        }
    }
}
