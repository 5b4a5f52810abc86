package io.wcf4j.binding.jms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** An embedded broker for a test class, in a fresh directory, in-VM only; the JVM's exit ends it. */
final class TestBroker {
    private TestBroker() {
    }

    static EmbeddedArtemis start() {
        try {
            return EmbeddedArtemis.start(Files.createTempDirectory("wcf4j-artemis-"), "none");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
