package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.databind.DataContractDocuments;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.sample.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/tcp-framing.md names every call, reply and fault of the sample's contract with its fields, so that a client
 * can be written from the spec alone; this keeps that section equal to what the host's contract description says.
 */
class TcpFramingSpecTest {
    private static final Path SPEC = Path.of("../../docs/tcp-framing.md");
    private static final String BEGIN = "<!-- sample-contract: kept equal to the contract by TcpFramingSpecTest -->\n";
    private static final String END = "<!-- /sample-contract -->";

    @Test
    void theSpecNamesEveryReplyAndFaultOfTheSampleWithItsFields() throws Exception {
        String spec = Files.readString(SPEC, StandardCharsets.UTF_8);
        String expected = render(new DataContractDocuments().describe(ContractDescription.of(Ledger.class)));
        assertThat(spec).as("docs/tcp-framing.md has the section").contains(BEGIN).contains(END);
        String section = spec.substring(spec.indexOf(BEGIN) + BEGIN.length(), spec.indexOf(END));
        assertThat(section).as("the sample's section of docs/tcp-framing.md; it should read:%n%s", expected).isEqualTo(expected);
    }

    /** The section: each operation's call and answers, then each data contract's fields, as CBOR map keys. */
    static String render(JsonNode description) {
        StringBuilder sb = new StringBuilder("| operation | REQUEST arguments, in order | REPLY value | FAULT names |\n|---|---|---|---|\n");
        for (JsonNode op : description.path("operations")) {
            List<String> arguments = new ArrayList<>();
            op.path("parameters").forEach(p -> arguments.add(p.path("name").asString() + ": " + type(p.path("type"))));
            List<String> faults = new ArrayList<>();
            op.path("faults").forEach(f -> faults.add(f.asString()));
            String reply = op.path("oneWay").asBoolean() ? "(ONE_WAY: an empty REPLY)"
                    : op.has("returns") ? type(op.path("returns")) : "null";
            sb.append("| `").append(op.path("name").asString()).append("` | ").append(String.join(", ", arguments))
                    .append(" | ").append(reply).append(" | ").append(faults.isEmpty() ? "" : String.join(", ", faults)).append(" |\n");
        }
        sb.append("\n| fault | `detail` |\n|---|---|\n");
        for (String fault : new TreeSet<>(description.path("faultDetails").propertyNames())) {
            sb.append("| ").append(fault).append(" | ").append(type(description.path("faultDetails").path(fault))).append(" |\n");
        }
        sb.append("\n| data contract | fields (the CBOR map's keys) |\n|---|---|\n");
        for (String name : new TreeSet<>(description.path("types").propertyNames())) {
            List<String> fields = new ArrayList<>();
            description.path("types").path(name).path("fields")
                    .forEach(f -> fields.add(f.path("name").asString() + ": " + type(f.path("type"))));
            sb.append("| ").append(name).append(" | ").append(String.join(", ", fields)).append(" |\n");
        }
        return sb.toString();
    }

    private static String type(JsonNode t) {
        return switch (t.path("kind").asString()) {
            case "object" -> t.path("ref").asString();
            case "list" -> "list of " + type(t.path("items"));
            case "enum" -> {
                List<String> values = new ArrayList<>();
                t.path("values").forEach(v -> values.add(v.asString()));
                yield "one of " + String.join(" / ", values);
            }
            default -> t.path("kind").asString();
        };
    }
}
