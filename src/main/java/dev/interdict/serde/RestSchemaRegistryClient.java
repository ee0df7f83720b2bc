package dev.interdict.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Schema Registry client over the documented REST API: register ({@code POST /subjects/{s}/versions}), look up
 * ({@code POST /subjects/{s}}), schema by id ({@code GET /schemas/ids/{id}}) and latest version
 * ({@code GET /subjects/{s}/versions/latest}). Ids and schemas are immutable in a registry, so they are cached for
 * good; the latest version is cached for {@code latestTtl}. Several URLs may be given: the next is tried when one
 * cannot be reached.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> urls;
    private final String authorization;
    private final Duration latestTtl;
    private final HttpClient http;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<String, Cached> latest = new ConcurrentHashMap<>();

    private record Cached(RegisteredSchema value, long expiresAt) {
    }

    /**
     * @param urls      comma-separated base URLs
     * @param userInfo  {@code user:password} for HTTP basic auth, or null
     * @param latestTtl how long a latest-version answer is reused (zero = always ask)
     */
    public RestSchemaRegistryClient(String urls, String userInfo, Duration latestTtl) {
        this.urls = new ArrayList<>();
        for (String u : urls.split(",")) {
            String t = u.trim();
            if (!t.isEmpty()) {
                this.urls.add(URI.create(t.endsWith("/") ? t : t + "/"));
            }
        }
        if (this.urls.isEmpty()) {
            throw new IllegalArgumentException("schema.registry.url is empty");
        }
        this.authorization = userInfo == null || userInfo.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.latestTtl = latestTtl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        return ids.computeIfAbsent(subject + '\u0000' + schema, k -> {
            JsonNode r = call("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
            int id = r.get("id").asInt();
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int getId(String subject, Schema schema) {
        return ids.computeIfAbsent(subject + '\u0000' + schema, k -> {
            JsonNode r = call("POST", "subjects/" + encode(subject), schemaBody(schema));
            int id = r.get("id").asInt();
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema getById(int id) {
        return schemas.computeIfAbsent(id, k -> new Schema.Parser().parse(call("GET", "schemas/ids/" + id, null)
                .get("schema").asText()));
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        Cached c = latest.get(subject);
        long now = System.nanoTime();
        if (c != null && now < c.expiresAt()) {
            return c.value();
        }
        JsonNode r = call("GET", "subjects/" + encode(subject) + "/versions/latest", null);
        int id = r.get("id").asInt();
        Schema schema = schemas.computeIfAbsent(id, k -> new Schema.Parser().parse(r.get("schema").asText()));
        RegisteredSchema value = new RegisteredSchema(subject, id, r.get("version").asInt(), schema);
        latest.put(subject, new Cached(value, now + latestTtl.toNanos()));
        return value;
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        IOException last = null;
        for (URI base : urls) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", CONTENT_TYPE + ", application/json");
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            if (body != null) {
                b.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
                continue; // try the next URL
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted calling the schema registry", e);
            }
            return parse(response);
        }
        throw new SchemaRegistryException("schema registry unreachable at " + urls + ": " + last, last);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        JsonNode node;
        try {
            node = response.body() == null || response.body().isEmpty()
                    ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            node = JSON.createObjectNode().put("message", response.body());
        }
        if (response.statusCode() / 100 != 2) {
            int code = node.path("error_code").asInt(response.statusCode());
            String message = node.path("message").asText("HTTP " + response.statusCode());
            throw new SchemaRegistryException(response.statusCode(), code, message);
        }
        return node;
    }
}
