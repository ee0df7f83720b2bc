package dev.interdict.cli;

import dev.interdict.app.InterdictConfig;

import java.util.HashMap;
import java.util.Map;

/** Shared option handling of the commands that talk to Kafka. */
final class Cli {
    private Cli() {
    }

    static InterdictConfig withOverrides(InterdictConfig cfg, String bootstrapServers, String registryUrl) {
        Map<String, String> values = new HashMap<>();
        cfg.keys().forEach(k -> values.put(k, cfg.get(k)));
        if (bootstrapServers != null) {
            values.put("bootstrap.servers", bootstrapServers);
        }
        if (registryUrl != null) {
            values.put("schema.registry.url", registryUrl);
        }
        return InterdictConfig.of(values);
    }

    static boolean hasKafkaAndRegistry(InterdictConfig cfg) {
        if (cfg.clientProperties().get("bootstrap.servers") == null || cfg.clientProperties().get("schema.registry.url") == null) {
            System.err.println("bootstrap.servers and schema.registry.url must be set (--config FILE, the options, or"
                    + " INTERDICT_BOOTSTRAP_SERVERS / INTERDICT_SCHEMA_REGISTRY_URL)");
            return false;
        }
        return true;
    }
}
