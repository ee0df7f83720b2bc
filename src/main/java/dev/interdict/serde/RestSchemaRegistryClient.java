package dev.interdict.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Schema Registry client over the documented REST API: register ({@code POST /subjects/{s}/versions}), look up
 * ({@code POST /subjects/{s}}), schema by id ({@code GET /schemas/ids/{id}}) and latest version
 * ({@code GET /subjects/{s}/versions/latest}). A schema's {@code references} (named types it takes from other
 * subjects) are resolved as Confluent's client does: each by {@code GET /subjects/{s}/versions/{v}}, its own
 * references first, recursively, and parsed before the schema that uses them. Ids, schemas and versions are immutable
 * in a registry, so they are cached for good; the latest version is cached for {@code latestTtl}. Several URLs may be given: the next is tried when one
 * cannot be reached, does not answer completely within the timeout (30 s for headers and body together) or answers
 * with a body over {@link #MAX_RESPONSE_BYTES}. TLS settings come from {@code schema.registry.ssl.*}
 * ({@link SerdeConfig}); basic-auth credentials sent in clear text (http:// to another host) are warned about once.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    /** The bound of one exchange (headers and body) with one URL. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The largest answer body read (4 MiB). Schemas are kilobytes; a larger body is not a registry's answer and is
     * an outage error rather than a heap filled by a hostile or broken server.
     */
    public static final int MAX_RESPONSE_BYTES = 4 << 20;
    /** URLs already warned about (basic auth over plain http), so the warning comes once per process. */
    private static final Set<URI> CLEAR_TEXT_WARNED = ConcurrentHashMap.newKeySet();

    private final List<URI> urls;
    private final String authorization;
    private final Duration latestTtl;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final HttpClient http;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<String, Cached> latest = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> versions = new ConcurrentHashMap<>();
    /** Referenced schemas (subject and version) answered so far, as text with their own references. */
    private final Map<String, Reference> referenced = new ConcurrentHashMap<>();
    /** How deep references may nest (a chain longer than this is a registry fault, not a schema). */
    static final int MAX_REFERENCE_DEPTH = 32;

    private record Reference(String text, JsonNode references) {
    }

    private record Cached(RegisteredSchema value, long expiresAt) {
    }

    /**
     * @param urls      comma-separated base URLs
     * @param userInfo  {@code user:password} for HTTP basic auth, or null
     * @param latestTtl how long a latest-version answer is reused (zero = always ask)
     */
    public RestSchemaRegistryClient(String urls, String userInfo, Duration latestTtl) {
        this(urls, userInfo, latestTtl, null, DEFAULT_TIMEOUT, MAX_RESPONSE_BYTES);
    }

    /**
     * @param ssl              the TLS context for https URLs, or null for the JDK's default
     * @param timeout          the bound of one exchange with one URL, answer body included
     * @param maxResponseBytes the largest answer body read; a longer one is an outage error
     */
    RestSchemaRegistryClient(String urls, String userInfo, Duration latestTtl, SSLContext ssl, Duration timeout,
                             int maxResponseBytes) {
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
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0
                ? timeout : CONNECT_TIMEOUT);
        if (ssl != null) {
            http.sslContext(ssl);
        }
        this.http = http.build();
        if (authorization != null) {
            for (URI u : this.urls) {
                if ("http".equalsIgnoreCase(u.getScheme()) && !loopback(u.getHost()) && CLEAR_TEXT_WARNED.add(u)) {
                    LOG.warn("basic-auth credentials for the schema registry go in clear text to {}: use https://", u);
                }
            }
        }
    }

    /** Whether a host is this machine (no name lookup: localhost and loopback addresses only). */
    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
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
    public int register(String subject, Schema schema, boolean normalize) {
        return ids.computeIfAbsent("R" + normalize + '\u0000' + subject + '\u0000' + schema, k -> {
            Answer r = call("POST", "subjects/" + encode(subject) + "/versions" + (normalize ? "?normalize=true" : ""),
                    schemaBody(schema));
            int id = r.integer("id");
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int getId(String subject, Schema schema, boolean normalize) {
        return ids.computeIfAbsent("L" + normalize + '\u0000' + subject + '\u0000' + schema, k -> {
            Answer r = call("POST", "subjects/" + encode(subject) + (normalize ? "?normalize=true" : ""),
                    schemaBody(schema));
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
        return schemas.computeIfAbsent(id, k -> parse(call("GET", "schemas/ids/" + id, null)));
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return versions.computeIfAbsent(subject + '\u0000' + version, k -> {
            Answer r = call("GET", "subjects/" + encode(subject) + "/versions/" + version, null);
            int id = r.integer("id");
            Schema schema = schemas.computeIfAbsent(id, i -> parse(r));
            return new RegisteredSchema(subject, id, r.integer("version"), schema);
        });
    }

    /**
     * The schema of an answer, its references resolved: every referenced schema (and what it references, first) is
     * parsed into one parser before the answer's own text, so the names it uses are defined.
     */
    private Schema parse(Answer a) {
        String text = a.text("schema");
        JsonNode refs = a.json().get("references");
        Schema.Parser parser = new Schema.Parser();
        if (refs != null && refs.isArray() && !refs.isEmpty()) {
            Map<String, String> resolved = new java.util.LinkedHashMap<>();
            resolve(a.base(), refs, resolved, 1);
            for (String dependency : resolved.values()) {
                parser.parse(dependency);
            }
        }
        return parser.parse(text);
    }

    /** Adds the texts of {@code refs} to {@code resolved} by type name, each after the ones it references. */
    private void resolve(URI base, JsonNode refs, Map<String, String> resolved, int depth) {
        if (depth > MAX_REFERENCE_DEPTH) {
            throw new SchemaRegistryException(200, "the schema registry at " + base + " answered references nested"
                    + " deeper than " + MAX_REFERENCE_DEPTH + " (a cycle?)", null);
        }
        for (JsonNode ref : refs) {
            JsonNode name = ref.get("name");
            JsonNode subject = ref.get("subject");
            JsonNode version = ref.get("version");
            if (name == null || !name.isTextual() || subject == null || !subject.isTextual() || version == null
                    || !version.isIntegralNumber()) {
                throw new SchemaRegistryException(200, "the schema registry at " + base + " answered a reference"
                        + " without name, subject and version: " + snippet(ref.toString()), null);
            }
            if (resolved.containsKey(name.textValue())) {
                continue;
            }
            String path = "subjects/" + encode(subject.textValue()) + "/versions/" + version.intValue();
            Reference r = referenced.computeIfAbsent(path, p -> {
                Answer answer = call("GET", p, null);
                JsonNode own = answer.json().get("references");
                return new Reference(answer.text("schema"), own == null ? JSON.createArrayNode() : own);
            });
            if (r.references().isArray() && !r.references().isEmpty()) {
                resolve(base, r.references(), resolved, depth + 1);
            }
            resolved.putIfAbsent(name.textValue(), r.text());
        }
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
        Schema schema = schemas.computeIfAbsent(id, k -> parse(r));
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
        Exception last = null;
        for (URI base : urls) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(timeout)
                    .header("Accept", CONTENT_TYPE + ", application/json");
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            if (body != null) {
                b.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            // the request timeout covers the headers only: the whole exchange is bounded here, the body by size
            CompletableFuture<HttpResponse<byte[]>> exchange =
                    http.sendAsync(b.build(), info -> new CappedBody(maxResponseBytes));
            HttpResponse<byte[]> response;
            try {
                response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                exchange.cancel(true);
                last = new HttpTimeoutException("no complete answer from " + base + " within " + timeout.toMillis()
                        + " ms");
                continue; // try the next URL
            } catch (ExecutionException e) {
                last = e.getCause() instanceof Exception c ? c : e;
                continue; // cannot connect, connection lost, body too large: try the next URL
            } catch (InterruptedException e) {
                exchange.cancel(true);
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted calling the schema registry", e);
            }
            return parse(base, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        throw new SchemaRegistryException("schema registry unavailable at " + urls + ": " + last, last);
    }

    /** Collects an answer body up to a size; a longer body fails the exchange (and the connection is dropped). */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("answer body larger than " + max
                            + " bytes: not a schema registry answer"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
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
