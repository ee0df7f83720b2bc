package dev.interdict.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Schema Registry in the test that behaves as Confluent's does on the endpoints Avro serdes use: register
 * ({@code POST /subjects/{s}/versions}), look up ({@code POST /subjects/{s}}), schema by id, versions of a subject
 * ({@code GET /subjects/{s}/versions}, {@code .../versions/{v|latest}}), with {@code references} and
 * {@code ?normalize=true}, and its error bodies (40401 subject, 40402 version, 40403 schema not found, 42201 invalid
 * schema). Schemas are equal as Confluent's {@code AvroSchema} compares them: the parsed schema with its properties,
 * docs, aliases and defaults (not the text: white space and attribute order do not count), and the same references;
 * a schema with a reference differs from the same schema with the referenced type written inline. Registering a
 * schema the subject already has answers its id without a new version; the same schema under another subject gets
 * the same id. Records every request; can require basic auth and can be told to answer the next request with an
 * error. {@code RegistryConformanceTest} checks it against these rules.
 */
public final class FakeRegistry implements AutoCloseable {
    public record Request(String method, String path, String contentType, String authorization, String body,
                          String query) {
    }

    /** A reference as the REST API has it: the type name, and the subject and version that define it. */
    public record Ref(String name, String subject, int version) {
    }

    private record Stored(String schema, List<Ref> references, String canonical) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Stored> schemas = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private final HttpServer server;
    public String requiredAuthorization;
    public int failNextWith;
    public int failNextCode;
    /** When set, answers every request instead of the registry (a proxy's error page, a web server, ...). */
    public volatile HttpHandler instead;

    public FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static final class Refusal extends RuntimeException {
        final int status;
        final int code;

        Refusal(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        HttpHandler other = instead;
        if (other != null) {
            other.handle(ex);
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        Request r = new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Content-Type"),
                ex.getRequestHeaders().getFirst("Authorization"), body, query);
        requests.add(r);
        if (requiredAuthorization != null && !requiredAuthorization.equals(r.authorization())) {
            reply(ex, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
            return;
        }
        if (failNextWith != 0) {
            int status = failNextWith;
            failNextWith = 0;
            reply(ex, status, "{\"error_code\":" + failNextCode + ",\"message\":\"injected failure\"}");
            return;
        }
        boolean normalize = query != null && List.of(query.split("&")).contains("normalize=true");
        try {
            reply(ex, 200, answer(r, path.substring(1).split("/"), normalize));
        } catch (Refusal e) {
            reply(ex, e.status, JSON.createObjectNode().put("error_code", e.code).put("message", e.getMessage())
                    .toString());
        }
    }

    private String answer(Request r, String[] p, boolean normalize) throws IOException {
        if (r.method().equals("POST") && p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
            JsonNode req = JSON.readTree(r.body());
            String subject = decode(p[1]);
            int id = register(subject, req.path("schema").asText(), refs(req.get("references")), normalize);
            return "{\"id\":" + id + "}";
        }
        if (r.method().equals("POST") && p.length == 2 && p[0].equals("subjects")) {
            JsonNode req = JSON.readTree(r.body());
            String subject = decode(p[1]);
            List<Integer> versions = versionsOf(subject);
            Stored wanted = stored(req.path("schema").asText(), refs(req.get("references")), normalize);
            for (int i = 0; i < versions.size(); i++) {
                if (same(schemas.get(versions.get(i)), wanted, normalize)) {
                    return version(subject, i + 1);
                }
            }
            throw new Refusal(404, 40403, "Schema not found");
        }
        if (r.method().equals("GET") && p.length == 3 && p[0].equals("schemas") && p[1].equals("ids")) {
            Stored s = schemas.get(Integer.parseInt(p[2]));
            if (s == null) {
                throw new Refusal(404, 40403, "Schema " + p[2] + " not found");
            }
            return withReferences(JSON.createObjectNode().put("schema", s.schema()), s).toString();
        }
        if (r.method().equals("GET") && p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
            ArrayNode out = JSON.createArrayNode();
            for (int i = 1; i <= versionsOf(decode(p[1])).size(); i++) {
                out.add(i);
            }
            return out.toString();
        }
        if (r.method().equals("GET") && p.length == 4 && p[0].equals("subjects") && p[2].equals("versions")) {
            String subject = decode(p[1]);
            List<Integer> versions = versionsOf(subject);
            int v;
            try {
                v = p[3].equals("latest") || p[3].equals("-1") ? versions.size() : Integer.parseInt(p[3]);
            } catch (NumberFormatException e) {
                throw new Refusal(422, 42202, "The specified version '" + p[3] + "' is not a valid version id.");
            }
            if (v < 1 || v > versions.size()) {
                throw new Refusal(404, 40402, "Version " + p[3] + " not found.");
            }
            return version(subject, v);
        }
        throw new Refusal(404, 404, "HTTP 404 Not Found");
    }

    private List<Integer> versionsOf(String subject) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new Refusal(404, 40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private String version(String subject, int version) {
        int id = subjects.get(subject).get(version - 1);
        Stored s = schemas.get(id);
        return withReferences(JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", s.schema()), s).toString();
    }

    private static ObjectNode withReferences(ObjectNode node, Stored s) {
        if (!s.references().isEmpty()) {
            ArrayNode refs = node.putArray("references");
            for (Ref ref : s.references()) {
                refs.addObject().put("name", ref.name()).put("subject", ref.subject()).put("version", ref.version());
            }
        }
        return node;
    }

    private static List<Ref> refs(JsonNode node) {
        List<Ref> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode n : node) {
                out.add(new Ref(n.path("name").asText(), n.path("subject").asText(), n.path("version").asInt()));
            }
        }
        return out;
    }

    private int register(String subject, String schema, List<Ref> references, boolean normalize) {
        Stored wanted = stored(schema, references, normalize);
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (int id : versions) {
            if (same(schemas.get(id), wanted, normalize)) {
                return id;
            }
        }
        int id = idOf(wanted, normalize);
        versions.add(id);
        return id;
    }

    private int idOf(Stored wanted, boolean normalize) {
        for (Map.Entry<Integer, Stored> e : schemas.entrySet()) {
            if (same(e.getValue(), wanted, normalize)) {
                return e.getKey();
            }
        }
        int id = 100 + schemas.size();
        schemas.put(id, wanted);
        return id;
    }

    /** Equal as Confluent compares: parsed schema (properties, docs, defaults...) and references. */
    private static boolean same(Stored a, Stored b, boolean normalize) {
        if (!a.canonical().equals(b.canonical())) {
            return false;
        }
        return normalize ? sorted(a.references()).equals(sorted(b.references())) : a.references().equals(b.references());
    }

    private static List<Ref> sorted(List<Ref> refs) {
        return refs.stream().distinct().sorted(Comparator.comparing(Ref::name).thenComparing(Ref::subject)
                .thenComparingInt(Ref::version)).toList();
    }

    /** A schema as it would be kept: parsed with its references (42201 if it does not parse), normalised if asked. */
    private Stored stored(String schema, List<Ref> references, boolean normalize) {
        Schema.Parser parser = new Schema.Parser();
        List<Schema> referenced = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Ref ref : references) {
            define(parser, ref, referenced, seen, 0);
        }
        Schema parsed;
        try {
            parsed = parser.parse(schema);
        } catch (RuntimeException e) {
            throw new Refusal(422, 42201, "Invalid schema " + schema + ": " + e.getMessage());
        }
        String canonical = parsed.toString(referenced, false);
        return new Stored(normalize ? canonical : schema, normalize ? sorted(references) : List.copyOf(references),
                canonical);
    }

    private void define(Schema.Parser parser, Ref ref, List<Schema> referenced, Map<String, Boolean> seen, int depth) {
        if (seen.putIfAbsent(ref.name(), true) != null) {
            return;
        }
        List<Integer> versions = subjects.get(ref.subject());
        if (versions == null || ref.version() < 1 || ref.version() > versions.size()) {
            throw new Refusal(422, 42201, "Invalid schema: reference " + ref + " not found");
        }
        Stored s = schemas.get(versions.get(ref.version() - 1));
        for (Ref inner : s.references()) {
            define(parser, inner, referenced, seen, depth + 1);
        }
        referenced.add(parser.parse(s.schema()));
    }

    /** Puts a schema under a subject directly (as another producer, or a person with curl, would have). */
    public synchronized int preload(String subject, String schema) {
        return preload(subject, schema, List.of());
    }

    /** Puts a schema that references types of other subjects under a subject. */
    public synchronized int preload(String subject, String schema, List<Ref> references) {
        return register(subject, schema, references, false);
    }

    /** The ids of a subject's versions, oldest first (empty if none). */
    public synchronized List<Integer> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    /** The text kept for an id. */
    public synchronized String schemaText(int id) {
        return schemas.get(id).schema();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        reply(ex, status, "application/vnd.schemaregistry.v1+json", json);
    }

    /** Answers with a status, a content type and a body. */
    public static void reply(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    public static JsonNode parse(String s) throws IOException {
        return JSON.readTree(s);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
