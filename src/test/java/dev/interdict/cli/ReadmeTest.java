package dev.interdict.cli;

import dev.interdict.app.InterdictConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README shows what the code does: the current Topology.describe() and every configuration key. */
class ReadmeTest {
    final String readme;

    ReadmeTest() throws Exception {
        readme = Files.readString(Path.of("README.md"));
    }

    @Test
    void readmeShowsTheCurrentTopologyDescription() {
        String describe = TopologyCommand.describe(InterdictConfig.of(Map.of()));
        assertTrue(readme.contains(describe), "README.md's topology section is stale: paste the output of"
                + " `java -jar target/interdict.jar topology`:\n" + describe);
    }

    @Test
    void readmeConfigurationTableListsEveryInterdictKey() {
        for (String key : InterdictConfig.KEYS.keySet()) {
            assertTrue(readme.contains("| `" + key + "` |"), "README.md lacks configuration key " + key);
        }
    }
}
