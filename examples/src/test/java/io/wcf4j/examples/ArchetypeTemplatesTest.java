package io.wcf4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The archetype makes the project the guide walks through: its contract, data contracts, fault and implementation
 * templates are the first example's files, with the package, the namespace and the service's name as parameters.
 */
class ArchetypeTemplatesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TEMPLATES = ROOT.resolve("archetype/src/main/resources/archetype-resources/src/main/java");
    private static final Path EXAMPLE = ROOT.resolve("examples/first-service/src/main/java/com/example/greeter");

    @Test
    void theArchetypesSourcesAreTheFirstExamplesWithItsNamesAsParameters() throws IOException {
        Map<String, String> templateOf = Map.of("__serviceName__.java", "Greeter.java", "__serviceName__Service.java",
                "GreeterService.java", "Greeting.java", "Greeting.java", "NoGreeting.java", "NoGreeting.java",
                "NoGreetingException.java", "NoGreetingException.java");
        for (Map.Entry<String, String> e : templateOf.entrySet()) {
            String generated = Files.readString(TEMPLATES.resolve(e.getKey())).replace("${package}", "com.example.greeter")
                    .replace("${namespace}", "urn:example:greeter").replace("${serviceName}", "Greeter");
            assertThat(generated).as("%s is %s with the archetype's parameters: update the template from the example",
                    e.getKey(), e.getValue()).isEqualTo(Files.readString(EXAMPLE.resolve(e.getValue())));
        }
    }
}
