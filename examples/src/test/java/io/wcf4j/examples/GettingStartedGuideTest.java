package io.wcf4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md shows the examples' files as they are: each code block that begins with a file's path
 * (a {@code //}, {@code #} or {@code <!-- -->} comment) holds that file, and every file of the examples' main sources
 * and their POMs is shown. The example itself is built and tested by the invoker, from outside the reactor.
 */
class GettingStartedGuideTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```[a-z]*\\n(?://|#|<!--) (examples/[^\\s]+)(?: -->)?\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void theGuideShowsEveryFileOfTheExampleAsItIs() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/getting-started.md"));
        List<String> shown = new ArrayList<>();
        Matcher m = BLOCK.matcher(guide);
        while (m.find()) {
            Path file = ROOT.resolve(m.group(1));
            assertThat(file).as("the guide shows %s", m.group(1)).exists();
            assertThat(m.group(2)).as("%s as the guide shows it: rewrite the block from the file", m.group(1))
                    .isEqualTo(Files.readString(file).stripTrailing());
            shown.add(m.group(1));
        }
        List<String> files = new ArrayList<>();
        for (String example : List.of("first-service", "first-service-spring")) {
            files.add("examples/" + example + "/pom.xml");
            try (Stream<Path> sources = Files.walk(ROOT.resolve("examples/" + example + "/src/main"))) {
                sources.filter(Files::isRegularFile).forEach(f -> files.add(ROOT.relativize(f).toString()));
            }
        }
        assertThat(shown).as("every file of the example is in the guide").containsExactlyInAnyOrderElementsOf(files);
    }
}
