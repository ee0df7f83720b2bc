package dev.interdict.cli;

import dev.interdict.app.InterdictConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The connection options of every command that talks to Kafka and the schema registry (a picocli mixin). */
final class KafkaOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file as for 'run' (bootstrap.servers, security, schema.registry.url, topic names).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Overrides bootstrap.servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Overrides schema.registry.url.")
    String registryUrl;

    /** The file, then INTERDICT_* variables, then these options; null (and a message on stderr) if incomplete. */
    InterdictConfig load() throws IOException {
        InterdictConfig cfg = InterdictConfig.load(config, System.getenv());
        Map<String, String> values = new HashMap<>();
        cfg.keys().forEach(k -> values.put(k, cfg.get(k)));
        if (bootstrapServers != null) {
            values.put("bootstrap.servers", bootstrapServers);
        }
        if (registryUrl != null) {
            values.put("schema.registry.url", registryUrl);
        }
        InterdictConfig effective = InterdictConfig.of(values);
        if (effective.clientProperties().get("bootstrap.servers") == null
                || effective.clientProperties().get("schema.registry.url") == null) {
            System.err.println("bootstrap.servers and schema.registry.url must be set (--config FILE, the options, or"
                    + " INTERDICT_BOOTSTRAP_SERVERS / INTERDICT_SCHEMA_REGISTRY_URL)");
            return null;
        }
        return effective;
    }
}
