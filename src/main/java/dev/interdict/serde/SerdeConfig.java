package dev.interdict.serde;

import java.time.Duration;
import java.util.Map;

/** The Confluent serde settings Interdict understands (same names as Confluent's). */
public final class SerdeConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    /** Confluent's name; default <b>true</b> in Interdict (false in Confluent's serializer), see {@link AvroSchemaText}. */
    public static final String AVRO_REMOVE_JAVA_PROPS = "avro.remove.java.properties";
    public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** Interdict's own: the value serde class ({@link ConfluentAvroSerde} unless set). */
    public static final String SERDE_CLASS = "interdict.avro.serde.class";

    /** Every serde setting Interdict reads (besides {@code schema.registry.ssl.*}). */
    public static final java.util.Set<String> KEYS = java.util.Set.of(SCHEMA_REGISTRY_URL,
            BASIC_AUTH_CREDENTIALS_SOURCE, BASIC_AUTH_USER_INFO, AUTO_REGISTER_SCHEMAS, USE_LATEST_VERSION,
            LATEST_CACHE_TTL_SEC, AVRO_REMOVE_JAVA_PROPS, NORMALIZE_SCHEMAS, KEY_SUBJECT_NAME_STRATEGY,
            VALUE_SUBJECT_NAME_STRATEGY, SERDE_CLASS);

    private SerdeConfig() {
    }

    static String string(Map<String, ?> config, String key, String def) {
        Object v = config.get(key);
        return v == null ? def : v.toString();
    }

    static boolean bool(Map<String, ?> config, String key, boolean def) {
        Object v = config.get(key);
        return v == null ? def : Boolean.parseBoolean(v.toString().trim());
    }

    /** The client for a configuration: {@code mock://scope} is in-memory, anything else is REST. */
    public static SchemaRegistryClient client(Map<String, ?> config) {
        String url = string(config, SCHEMA_REGISTRY_URL, null);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " is not set");
        }
        if (url.startsWith("mock://")) {
            return MockSchemaRegistryClient.forScope(url.substring("mock://".length()));
        }
        String source = string(config, BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        String userInfo = null;
        if ("USER_INFO".equalsIgnoreCase(source)) {
            userInfo = string(config, BASIC_AUTH_USER_INFO, null);
        } else if ("URL".equalsIgnoreCase(source)) {
            userInfo = RestSchemaRegistryClient.uri(url.split(",")[0].trim()).getUserInfo();
        }
        long ttl = Long.parseLong(string(config, LATEST_CACHE_TTL_SEC, "60"));
        return new RestSchemaRegistryClient(url, userInfo, Duration.ofSeconds(ttl), RegistrySsl.context(config),
                RestSchemaRegistryClient.DEFAULT_TIMEOUT, RestSchemaRegistryClient.MAX_RESPONSE_BYTES);
    }
}
