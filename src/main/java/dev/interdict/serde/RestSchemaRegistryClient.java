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
                this.urls.add(withoutUserInfo(uri(t.endsWith("/") ? t : t + "/")));
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

    /** A URL, or an error that does not show its credentials (URI's own message holds the whole text). */
    static URI uri(String url) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("schema.registry.url " + Urls.redact(url) + " is not a URL: "
                    + e.getReason() + " at index " + e.getIndex());
        }
    }

    /** The URL without its user information (credentials go in the Authorization header, never in logs). */
    static URI withoutUserInfo(URI u) {
        if (u.getRawUserInfo() == null) {
            return u;
        }
        try {
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), u.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("bad schema.registry.url " + Urls.redact(u.toString()), e);
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        return ids.computeIfAbsent(subject + '\u0000' + schema, k -> {
            Answer r = call("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
            int id = r.integer("id");
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int getId(String subject, Schema schema) {
        return ids.computeIfAbsent(subject + '\u0000' + schema, k -> {
            Answer r = call("POST", "subjects/" + encode(subject), schemaBody(schema));
            int id = r.integer("id");
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    /**
     * The schema with an id. A schema text that Avro cannot parse (another schema type, references) is the record's
     * problem and comes as Avro's exception; an answer without a schema text is a {@link SchemaRegistryException}.
     */
    @Override
    public Schema getById(int id) {
        return schemas.computeIfAbsent(id, k -> new Schema.Parser().parse(call("GET", "schemas/ids/" + id, null)
                .text("schema")));
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        Cached c = latest.get(subject);
        long now = System.nanoTime();
        if (c != null && now < c.expiresAt()) {
            return c.value();
        }
        Answer r = call("GET", "subjects/" + encode(subject) + "/versions/latest", null);
        int id = r.integer("id");
        int version = r.integer("version");
        String text = r.text("schema");
        Schema schema = schemas.computeIfAbsent(id, k -> new Schema.Parser().parse(text));
        RegisteredSchema value = new RegisteredSchema(subject, id, version, schema);
        latest.put(subject, new Cached(value, now + latestTtl.toNanos()));
        return value;
    }

    /** A successful answer: a JSON object from the registry at {@code base}. */
    private record Answer(URI base, JsonNode json) {
        int integer(String field) {
            JsonNode v = json.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
                throw notAnAnswer(field);
            }
            return v.intValue();
        }

        String text(String field) {
            JsonNode v = json.get(field);
            if (v == null || !v.isTextual()) {
                throw notAnAnswer(field);
            }
            return v.textValue();
        }

        private SchemaRegistryException notAnAnswer(String field) {
            return new SchemaRegistryException(200, "the schema registry at " + base + " answered without '" + field
                    + "': not a schema registry (check schema.registry.url): " + snippet(json.toString()), null);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer call(String method, String path, String body) {
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
            return parse(base, response.statusCode(), response.body());
        }
        throw new SchemaRegistryException("schema registry unreachable at " + urls + ": " + last, last);
    }

    /**
     * A 2xx answer must be a JSON object; any other status must carry the registry's JSON error body
     * ({@code error_code}, {@code message}). Anything else (a proxy's HTML page, a wrong path, a body cut short) is
     * not a schema registry's answer: an outage, never the record's fault.
     */
    private static Answer parse(URI base, int status, String body) {
        JsonNode node;
        try {
            node = body == null || body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (status / 100 == 2) {
            if (node == null || !node.isObject()) {
                throw new SchemaRegistryException(status, "the schema registry at " + base + " answered HTTP " + status
                        + " with something that is not a schema registry answer (check schema.registry.url): "
                        + snippet(body), null);
            }
            return new Answer(base, node);
        }
        if (node != null && node.isObject() && node.path("error_code").isIntegralNumber()) {
            throw new SchemaRegistryException(status, node.get("error_code").intValue(),
                    node.path("message").asText("HTTP " + status));
        }
        throw new SchemaRegistryException(status, "the schema registry at " + base + " answered HTTP " + status
                + " without a schema registry error body (not a schema registry, or a wrong path in"
                + " schema.registry.url?): " + snippet(body), null);
    }

    /** The start of a body, on one line, for error messages. */
    private static String snippet(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        String s = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return s.replaceAll("\\s+", " ");
    }
}
