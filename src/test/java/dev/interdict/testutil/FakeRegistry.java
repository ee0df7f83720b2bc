package dev.interdict.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Schema Registry in the test: the documented endpoints and responses of the Confluent REST API (register,
 * lookup, schema by id, latest version) and its error bodies; records every request; can require basic auth and
 * can be told to answer the next request with an error.
 */
public final class FakeRegistry implements AutoCloseable {
    public record Request(String method, String path, String contentType, String authorization, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, String> schemas = new HashMap<>();
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

    private synchronized void handle(HttpExchange ex) throws IOException {
        HttpHandler other = instead;
        if (other != null) {
            other.handle(ex);
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getRawPath();
        Request r = new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Content-Type"),
                ex.getRequestHeaders().getFirst("Authorization"), body);
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
        String[] p = path.substring(1).split("/");
        if (r.method().equals("POST") && p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
            String schema = JSON.readTree(body).get("schema").asText();
            int id = idOf(schema);
            List<Integer> versions = subjects.computeIfAbsent(decode(p[1]), s -> new ArrayList<>());
            if (!versions.contains(id)) {
                versions.add(id);
            }
            reply(ex, 200, "{\"id\":" + id + "}");
        } else if (r.method().equals("POST") && p.length == 2 && p[0].equals("subjects")) {
            String schema = JSON.readTree(body).get("schema").asText();
            List<Integer> versions = subjects.get(decode(p[1]));
            if (versions == null) {
                reply(ex, 404, "{\"error_code\":40401,\"message\":\"Subject '" + decode(p[1]) + "' not found.\"}");
                return;
            }
            Integer id = schemas.entrySet().stream().filter(e -> e.getValue().equals(schema)).map(Map.Entry::getKey)
                    .filter(versions::contains).findFirst().orElse(null);
            if (id == null) {
                reply(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                return;
            }
            reply(ex, 200, JSON.createObjectNode().put("subject", decode(p[1])).put("id", id)
                    .put("version", versions.indexOf(id) + 1).put("schema", schema).toString());
        } else if (r.method().equals("GET") && p.length == 3 && p[0].equals("schemas") && p[1].equals("ids")) {
            String schema = schemas.get(Integer.parseInt(p[2]));
            if (schema == null) {
                reply(ex, 404, "{\"error_code\":40403,\"message\":\"Schema " + p[2] + " not found\"}");
                return;
            }
            reply(ex, 200, JSON.createObjectNode().put("schema", schema).toString());
        } else if (r.method().equals("GET") && p.length == 4 && p[0].equals("subjects") && p[3].equals("latest")) {
            List<Integer> versions = subjects.get(decode(p[1]));
            if (versions == null) {
                reply(ex, 404, "{\"error_code\":40401,\"message\":\"Subject '" + decode(p[1]) + "' not found.\"}");
                return;
            }
            int id = versions.get(versions.size() - 1);
            reply(ex, 200, JSON.createObjectNode().put("subject", decode(p[1])).put("id", id)
                    .put("version", versions.size()).put("schema", schemas.get(id)).toString());
        } else {
            reply(ex, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        }
    }

    /** Puts a schema under a subject directly (as another producer would have). */
    public synchronized int preload(String subject, String schema) {
        int id = idOf(schema);
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    private int idOf(String schema) {
        for (Map.Entry<Integer, String> e : schemas.entrySet()) {
            if (e.getValue().equals(schema)) {
                return e.getKey();
            }
        }
        int id = 100 + schemas.size();
        schemas.put(id, schema);
        return id;
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
