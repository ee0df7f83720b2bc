package dev.interdict.serde;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory schema registry for tests and the demo, addressed as {@code mock://scope} like Confluent's
 * MockSchemaRegistry: every serde configured with the same scope shares one instance in this JVM.
 */
public final class MockSchemaRegistryClient implements SchemaRegistryClient {
    private static final Map<String, MockSchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Schema, Integer> idBySchema = new HashMap<>();
    private final Map<String, List<Integer>> versions = new HashMap<>();
    private int nextId = 1;

    /** The shared instance of a scope, created on first use. */
    public static MockSchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistryClient());
    }

    /** Forgets a scope (tests call this to isolate themselves). */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema, boolean normalize) {
        Integer id = idBySchema.get(schema);
        if (id == null) {
            id = nextId++;
            idBySchema.put(schema, id);
            byId.put(id, schema);
        }
        List<Integer> v = versions.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!v.contains(id)) {
            v.add(id);
        }
        return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema, boolean normalize) {
        Integer id = idBySchema.get(schema);
        if (id == null || !versions.getOrDefault(subject, List.of()).contains(id)) {
            throw new SchemaRegistryException(404, 40403, "Schema not found under subject " + subject);
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema s = byId.get(id);
        if (s == null) {
            throw new SchemaRegistryException(404, 40403, "Schema " + id + " not found");
        }
        return s;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<Integer> v = versions.get(subject);
        if (v == null || v.isEmpty()) {
            throw new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.");
        }
        int id = v.get(v.size() - 1);
        return new RegisteredSchema(subject, id, v.size(), byId.get(id));
    }

    @Override
    public synchronized RegisteredSchema getVersion(String subject, int version) {
        List<Integer> v = versions.get(subject);
        if (v == null || v.isEmpty()) {
            throw new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.");
        }
        if (version < 1 || version > v.size()) {
            throw new SchemaRegistryException(404, 40402, "Version " + version + " not found.");
        }
        int id = v.get(version - 1);
        return new RegisteredSchema(subject, id, version, byId.get(id));
    }
}
