package io.wcf4j.clients.cli;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code describe <host>}: each service's operations and data contracts, from the contract description the host publishes. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describes a host's services from their published metadata alone: endpoints, each operation with its "
                + "parameters, result and faults, and the data contracts' fields, as every binding names them.",
        footer = {"", "Examples:", "  wcf4j describe http://localhost:8080", "  wcf4j describe http://localhost:8080 --service ledger --json"})
final class DescribeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<host>", description = "The host's HTTP base address, e.g. http://localhost:8080")
    String host;

    @Option(names = "--service", paramLabel = "NAME", description = "Only this service.")
    String service;

    @Option(names = "--json", description = "Print the services' contract descriptions as JSON.")
    boolean json;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        JsonNode endpoints;
        try {
            endpoints = ListCommand.metadata(host).get("endpoints");
        } catch (ConnectException | HttpTimeoutException e) {
            System.err.println("cannot reach " + host + ": " + e.getMessage());
            return Wcf4jCli.UNREACHABLE;
        }
        Map<String, List<JsonNode>> byService = new LinkedHashMap<>();
        for (JsonNode e : endpoints) {
            if (service == null || service.equals(e.path("service").asString())) {
                byService.computeIfAbsent(e.path("service").asString(), k -> new ArrayList<>()).add(e);
            }
        }
        if (byService.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), service == null ? host + " publishes no endpoints"
                    : "no service '" + service + "' at " + host);
        }
        ArrayNode all = mapper.createArrayNode();
        for (Map.Entry<String, List<JsonNode>> s : byService.entrySet()) {
            JsonNode contract = contract(s.getValue());
            if (json) {
                ObjectNode one = all.addObject();
                one.put("service", s.getKey());
                one.set("endpoints", mapper.valueToTree(s.getValue()));
                one.set("description", contract);
            } else {
                print(s.getKey(), s.getValue(), contract);
            }
        }
        if (json) {
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        }
        return 0;
    }

    /** The description one of the service's endpoints links to. */
    private JsonNode contract(List<JsonNode> endpoints) throws Exception {
        for (JsonNode e : endpoints) {
            String url = e.path("documents").path("contract").asString("");
            if (!url.isEmpty()) {
                try {
                    return ListCommand.json(url, null);
                } catch (IllegalStateException notThere) {
                    // another endpoint of the service may link one
                }
            }
        }
        return null;
    }

    private static void print(String name, List<JsonNode> endpoints, JsonNode contract) {
        System.out.println(name + (contract == null ? "" : " (" + contract.path("contract").asString() + ", namespace "
                + contract.path("namespace").asString() + ")"));
        for (JsonNode e : endpoints) {
            System.out.println("  endpoint " + e.path("name").asString() + ": " + e.path("binding").asString() + " " + e.path("address").asString());
        }
        if (contract == null) {
            System.out.println("  (the host publishes no contract description for it)");
            return;
        }
        for (JsonNode op : contract.path("operations")) {
            List<String> parameters = new ArrayList<>();
            for (JsonNode p : op.path("parameters")) {
                parameters.add(p.path("name").asString() + ": " + type(p.path("type")));
            }
            StringBuilder line = new StringBuilder("  ").append(op.path("name").asString()).append('(').append(String.join(", ", parameters))
                    .append(')');
            if (op.path("oneWay").asBoolean()) {
                line.append(" one-way");
            } else if (op.has("returns")) {
                line.append(" -> ").append(type(op.path("returns")));
            }
            if (!op.path("faults").isEmpty()) {
                List<String> faults = new ArrayList<>();
                op.path("faults").forEach(f -> faults.add(f.asString()));
                line.append("  faults: ").append(String.join(", ", faults));
            }
            System.out.println(line);
        }
        contract.path("types").properties().forEach(t -> {
            List<String> fields = new ArrayList<>();
            for (JsonNode f : t.getValue().path("fields")) {
                fields.add(f.path("name").asString() + ": " + type(f.path("type")));
            }
            System.out.println("  " + t.getKey() + " { " + String.join(", ", fields) + " }");
        });
    }

    private static String type(JsonNode t) {
        return switch (t.path("kind").asString()) {
            case "object" -> t.path("ref").asString();
            case "list" -> "list<" + type(t.path("items")) + ">";
            case "enum" -> {
                List<String> values = new ArrayList<>();
                t.path("values").forEach(v -> values.add(v.asString()));
                yield "enum[" + String.join("|", values) + "]";
            }
            default -> t.path("kind").asString();
        };
    }
}
