package io.wcf4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wcf4j.config.ConfigException;
import io.wcf4j.config.ConfigLoader;
import java.nio.charset.StandardCharsets;

/** A configuration file of any content is read, or refused with a ConfigException naming where; nothing else escapes. */
class YamlConfigurationFuzzTest {
    @FuzzTest
    void configurationFiles(byte[] file) {
        try {
            ConfigLoader.parseYaml(new String(file, StandardCharsets.UTF_8), name -> name.equals("known") ? "value" : null);
        } catch (ConfigException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new AssertionError("a refusal that says nothing", refused);
            }
        }
    }
}
