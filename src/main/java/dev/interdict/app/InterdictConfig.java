package dev.interdict.app;

import dev.interdict.ops.OpsServer;
import dev.interdict.screening.names.MatcherConfig;
import dev.interdict.serde.Urls;
import dev.interdict.topology.TopicNames;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Interdict's configuration: a properties file whose every Kafka client, Streams and Schema Registry property
 * ({@code bootstrap.servers}, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, {@code schema.registry.url},
 * ...) passes through unchanged, plus Interdict's own {@code interdict.*} keys. Environment variables
 * {@code INTERDICT_<KEY>} override the file, where {@code <KEY>} is the property name upper-cased with dots and dashes
 * as underscores, and without the {@code interdict.} prefix for Interdict's own keys:
 * {@code INTERDICT_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}; {@code INTERDICT_TOPICS_DECISIONS} sets
 * {@code interdict.topics.decisions}.
 */
public final class InterdictConfig {
    public static final String PREFIX = "interdict.";
    public static final String TOPIC_PURCHASE_ORDERS = "interdict.topics.purchase-orders";
    public static final String TOPIC_LICENSE_RENEWALS = "interdict.topics.license-renewals";
    public static final String TOPIC_RESTRICTED_ENTITIES = "interdict.topics.restricted-entities";
    public static final String TOPIC_DECISIONS = "interdict.topics.decisions";
    public static final String TOPIC_ALERTS = "interdict.topics.alerts";
    public static final String TOPIC_DLQ = "interdict.topics.dlq";
    public static final String MATCH_THRESHOLD = "interdict.match.threshold";
    public static final String REVIEW_THRESHOLD = "interdict.review.threshold";
    public static final String METRICS_PORT = "interdict.metrics.port";
    public static final String METRICS_BIND_ADDRESS = "interdict.metrics.bind.address";
    /** Named like the registry's {@code basic.auth.user.info}; {@link #isSecret} masks it ({@code user.info}). */
    public static final String METRICS_BASIC_AUTH_USER_INFO = "interdict.metrics.basic.auth.user.info";
    /** {@link #isSecret} masks it ({@code token}). */
    public static final String METRICS_BEARER_TOKEN = "interdict.metrics.bearer.token";
    public static final String DLQ_MAX_VALUE_BYTES = "interdict.dlq.max.value.bytes";
    public static final String RETRO_LOOKBACK = "interdict.retro.lookback";

    /** Every Interdict key with its default and meaning (the README's configuration table comes from here). */
    public static final Map<String, String[]> KEYS;

    static {
        Map<String, String[]> k = new LinkedHashMap<>();
        k.put(TOPIC_PURCHASE_ORDERS, new String[] {TopicNames.DEFAULTS.purchaseOrders(), "input: purchase orders (Avro PurchaseOrder)"});
        k.put(TOPIC_LICENSE_RENEWALS, new String[] {TopicNames.DEFAULTS.licenseRenewals(), "input: licence renewals (Avro LicenseRenewal)"});
        k.put(TOPIC_RESTRICTED_ENTITIES, new String[] {TopicNames.DEFAULTS.restrictedEntities(), "input: compacted list, key entityId (Avro RestrictedEntity)"});
        k.put(TOPIC_DECISIONS, new String[] {TopicNames.DEFAULTS.decisions(), "output: one decision per event, key eventId"});
        k.put(TOPIC_ALERTS, new String[] {TopicNames.DEFAULTS.alerts(), "output: one record per alert, key entityId"});
        k.put(TOPIC_DLQ, new String[] {TopicNames.DEFAULTS.deadLetters(), "output: dead letters, original bytes + reason headers"});
        k.put(MATCH_THRESHOLD, new String[] {String.valueOf(MatcherConfig.DEFAULT.matchThreshold()), "name score for MATCH (VIOLATION)"});
        k.put(REVIEW_THRESHOLD, new String[] {String.valueOf(MatcherConfig.DEFAULT.reviewThreshold()), "name score for REVIEW"});
        k.put(METRICS_PORT, new String[] {"9404", "HTTP port of /metrics, /health, /ready (0 = any free port, -1 = off)"});
        k.put(METRICS_BIND_ADDRESS, new String[] {"0.0.0.0", "address the HTTP port listens on (0.0.0.0 = every interface, 127.0.0.1 = this host only)"});
        k.put(METRICS_BASIC_AUTH_USER_INFO, new String[] {"", "user:password that /metrics requires (basic auth); empty = open"});
        k.put(METRICS_BEARER_TOKEN, new String[] {"", "bearer token that /metrics accepts; empty = open"});
        k.put(RETRO_LOOKBACK, new String[] {"P90D", "retro-screening: events this far back (event time, ISO-8601 duration) are re-screened when the list changes; 0 = off"});
        k.put(DLQ_MAX_VALUE_BYTES, new String[] {"900000", "larger original values are left out of dead letters (header + source offset kept)"});
        KEYS = Collections.unmodifiableMap(k);
    }

    /** Interdict keys read elsewhere (metrics, logging), beside {@link #KEYS}. */
    public static final Set<String> EXTRA_KEYS = Set.of();

    private final Map<String, String> values;

    private InterdictConfig(Map<String, String> values) {
        this.values = values;
    }

    /** Reads a properties file (may be null), then applies {@code INTERDICT_*} overrides from {@code env}. */
    public static InterdictConfig load(Path file, Map<String, String> env) throws IOException {
        Map<String, String> values = new TreeMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(n -> values.put(n, p.getProperty(n).trim()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("INTERDICT_") && name.length() > "INTERDICT_".length()) {
                values.put(propertyName(name), value);
            }
        });
        return new InterdictConfig(values);
    }

    public static InterdictConfig of(Map<String, String> values) {
        return new InterdictConfig(new TreeMap<>(values));
    }

    /** The environment variable that sets a property. */
    public static String envName(String property) {
        String p = property.startsWith(PREFIX) ? property.substring(PREFIX.length()) : property;
        return "INTERDICT_" + p.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The property an {@code INTERDICT_*} environment variable sets. */
    public static String propertyName(String envName) {
        for (String key : KEYS.keySet()) {
            if (envName(key).equals(envName)) {
                return key;
            }
        }
        return envName.substring("INTERDICT_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public String get(String key) {
        String v = values.get(key);
        if (v != null) {
            return v;
        }
        String[] d = KEYS.get(key);
        return d == null ? null : d[0];
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public TopicNames topics() {
        return new TopicNames(get(TOPIC_PURCHASE_ORDERS), get(TOPIC_LICENSE_RENEWALS), get(TOPIC_RESTRICTED_ENTITIES),
                get(TOPIC_DECISIONS), get(TOPIC_ALERTS), get(TOPIC_DLQ));
    }

    /** The retro-screening lookback, or null when it is off. */
    public java.time.Duration retroLookback() {
        java.time.Duration d = java.time.Duration.parse(get(RETRO_LOOKBACK));
        return d.isZero() || d.isNegative() ? null : d;
    }

    /** The ops HTTP port: where it listens and what {@code /metrics} requires. */
    public OpsServer.Settings ops() {
        return new OpsServer.Settings(get(METRICS_BIND_ADDRESS), Integer.parseInt(get(METRICS_PORT)),
                get(METRICS_BASIC_AUTH_USER_INFO), get(METRICS_BEARER_TOKEN), OpsServer.DEFAULT_EXCHANGE_DEADLINE);
    }

    public MatcherConfig matcher() {
        return new MatcherConfig(Double.parseDouble(get(MATCH_THRESHOLD)), Double.parseDouble(get(REVIEW_THRESHOLD)));
    }

    /** Everything but Interdict's own keys: Kafka clients, Streams and Schema Registry settings. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** All values including Interdict's own keys (serde factories read {@code interdict.avro.serde.class}). */
    public Map<String, Object> all() {
        return new TreeMap<>(values);
    }

    /**
     * The configuration for logging: values of keys that may hold secrets are masked, and so are the credentials in
     * URLs ({@code schema.registry.url=http://user:password@host} with {@code basic.auth.credentials.source=URL}).
     */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : Urls.redact(v)));
        return shown.toString();
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("user.info")
                || k.contains("credentials") || k.endsWith(".key") || k.contains("token");
    }
}
