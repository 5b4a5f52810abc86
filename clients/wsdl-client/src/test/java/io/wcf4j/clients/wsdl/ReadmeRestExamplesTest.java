package io.wcf4j.clients.wsdl;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The README's curl examples of the REST endpoint are calls the published OpenAPI document describes: each one's
 * method and path are an operation of it, its query parameters are declared, its JSON body has only the request
 * schema's properties with their types and all its required ones, and the status its comment promises is a response
 * the operation declares (a 4xx may be the document's {@code default} problem+json response).
 */
class ReadmeRestExamplesTest {
    private static final Path README = Path.of("../../README.md");
    private static final Path OPENAPI = Path.of("../../contracts/src/main/resources/openapi/ledger-openapi.json");
    private static final Pattern STATUS = Pattern.compile("#\\s*(\\d{3})\\b");
    private final ObjectMapper json = new ObjectMapper();

    /** One curl command of the README: its method, URL, body and the status its comment names (or null). */
    record Example(String line, String method, URI url, String body, String status) {
    }

    @Test
    void everyRestCurlExampleOfTheReadme_isACallTheOpenApiDocumentDescribes() throws Exception {
        OpenAPI api = openApi();
        List<Example> examples = examples(Files.readString(README));
        assertThat(examples).as("the README's REST examples were found").hasSizeGreaterThanOrEqualTo(8);
        List<String> problems = new ArrayList<>();
        for (Example e : examples) {
            problems.addAll(check(api, e).stream().map(p -> e.line() + "\n    " + p).toList());
        }
        assertThat(problems).as("README examples the OpenAPI document does not describe").isEmpty();
    }

    @Test
    void theCheckCatchesAWrongPath_anUnknownField_aWrongType_andAnUndeclaredStatus() throws Exception {
        OpenAPI api = openApi();
        String readme = """
                curl -s localhost:8080/api/ledger/account/1
                curl -s -X POST localhost:8080/api/ledger/transfers -H 'Content-Type: application/json' \\
                     -d '{"requestId": "r-1", "fromAccount": 1, "toAccount": 2, "amount": 1, "memo": "rent"}'
                curl -s -X POST localhost:8080/api/ledger/accounts -d '{"owner": 7}'
                curl -s -X POST localhost:8080/api/ledger/accounts -d '{"owner": "x"}'    # 200 instead of 201
                curl -s localhost:8080/api/ledger/accounts/1/statement?limit=10&order=desc
                """;
        List<List<String>> found = examples(readme).stream().map(e -> check(api, e)).toList();
        assertThat(found.get(0)).singleElement().asString().contains("no path");
        assertThat(found.get(1)).singleElement().asString().contains("'memo'");
        assertThat(found.get(2)).singleElement().asString().contains("'owner'").contains("string");
        assertThat(found.get(3)).singleElement().asString().contains("200");
        assertThat(found.get(4)).singleElement().asString().contains("'order'");
    }

    private static OpenAPI openApi() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        var result = new OpenAPIV3Parser().readContents(Files.readString(OPENAPI), null, options);
        assertThat(result.getMessages()).isEmpty();
        return result.getOpenAPI();
    }

    /** The curl commands on the REST endpoint's paths, continuation lines joined. */
    static List<Example> examples(String markdown) {
        List<Example> out = new ArrayList<>();
        String joined = markdown.replaceAll("\\\\\\n\\s*", " ");
        for (String line : joined.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("curl ") || !trimmed.contains("/api/")) {
                continue;
            }
            List<String> words = shellWords(trimmed);
            String method = null;
            String url = null;
            String body = null;
            for (int i = 1; i < words.size(); i++) {
                String w = words.get(i);
                switch (w) {
                    case "-X" -> method = words.get(++i);
                    case "-d", "--data" -> body = words.get(++i);
                    case "-H", "-u", "--cacert", "--cert", "--key" -> i++;
                    default -> {
                        if (!w.startsWith("-") && w.contains("/api/")) {
                            url = w.contains("://") ? w : "http://" + w;
                        }
                    }
                }
            }
            Matcher status = STATUS.matcher(trimmed);
            out.add(new Example(trimmed, method != null ? method : body != null ? "POST" : "GET", URI.create(url), body,
                    status.find() ? status.group(1) : null));
        }
        return out;
    }

    /** What the document does not describe of one example; empty when it describes all of it. */
    private List<String> check(OpenAPI api, Example e) {
        List<String> problems = new ArrayList<>();
        Optional<Map.Entry<String, PathItem>> path = api.getPaths().entrySet().stream()
                .filter(p -> e.url().getPath().matches(p.getKey().replaceAll("\\{[^}]+}", "[^/]+"))).findFirst();
        if (path.isEmpty()) {
            return List.of("no path of the document matches " + e.url().getPath());
        }
        Operation op = path.get().getValue().readOperationsMap().get(PathItem.HttpMethod.valueOf(e.method()));
        if (op == null) {
            return List.of(path.get().getKey() + " has no " + e.method());
        }
        List<Parameter> parameters = op.getParameters() == null ? List.of() : op.getParameters();
        if (e.url().getQuery() != null) {
            for (String pair : e.url().getQuery().split("&")) {
                String name = pair.split("=", 2)[0];
                if (parameters.stream().noneMatch(p -> p.getIn().equals("query") && p.getName().equals(name))) {
                    problems.add("query parameter '" + name + "' is not declared by " + op.getOperationId());
                }
            }
        }
        for (Parameter p : parameters) {
            if (p.getIn().equals("query") && Boolean.TRUE.equals(p.getRequired())
                    && (e.url().getQuery() == null || !e.url().getQuery().contains(p.getName() + "="))) {
                problems.add("required query parameter '" + p.getName() + "' is missing");
            }
        }
        if (e.body() != null) {
            problems.addAll(checkBody(op, e.body()));
        }
        if (e.status() != null) {
            boolean declared = op.getResponses().containsKey(e.status());
            boolean problemDefault = e.status().startsWith("4") && op.getResponses().containsKey("default")
                    && op.getResponses().get("default").getContent().containsKey("application/problem+json");
            if (!declared && !problemDefault) {
                problems.add("status " + e.status() + " is not a response of " + op.getOperationId() + ": "
                        + op.getResponses().keySet());
            }
        }
        return problems;
    }

    private List<String> checkBody(Operation op, String body) {
        if (op.getRequestBody() == null) {
            return List.of(op.getOperationId() + " takes no body");
        }
        Schema<?> schema = op.getRequestBody().getContent().get("application/json").getSchema();
        JsonNode given;
        try {
            given = json.readTree(body);
        } catch (Exception ex) {
            return List.of("the body is not JSON: " + ex.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Schema> properties = schema.getProperties();
        for (var field : given.properties()) {
            Schema<?> property = properties.get(field.getKey());
            if (property == null) {
                problems.add("field '" + field.getKey() + "' is not a property of the request: " + properties.keySet());
            } else if (!hasType(field.getValue(), property)) {
                problems.add("field '" + field.getKey() + "' is " + field.getValue().getNodeType() + ", the document says "
                        + property.getType());
            }
        }
        if (schema.getRequired() != null) {
            schema.getRequired().stream().filter(r -> !given.has(r)).forEach(r -> problems.add("required field '" + r + "' is missing"));
        }
        return problems;
    }

    private static boolean hasType(JsonNode value, Schema<?> schema) {
        if (value.isNull() || schema.getType() == null) {
            return true;
        }
        return switch (schema.getType()) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            // money is a JSON number, and a decimal string is read as one too (the REST binding takes both)
            case "number" -> value.isNumber() || value.isString() && value.asString().matches("-?\\d+(\\.\\d+)?");
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            default -> value.isObject();
        };
    }

    /** Words of a command line as a POSIX shell splits them, for the quoting the README uses ('...' and "..."). */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
