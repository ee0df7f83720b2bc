package dev.interdict.serde;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record schema cut down to some of its fields, for reading only what a consumer needs
 * ({@link ConfluentAvroDeserializer#projection}). Fields are named by path: {@code supplier.name} keeps the field
 * {@code supplier} with only its field {@code name}; through an array or a union the path goes on into the record it
 * holds ({@code lines.manufacturer}). Names, types, defaults and properties of what is kept are the original's, so
 * the projection resolves against a writer's schema exactly as the full schema would.
 */
public final class Projection {
    private Projection() {
    }

    public static Schema of(Schema record, String... paths) {
        Map<String, List<String>> byField = new TreeMap<>();
        for (String path : paths) {
            int dot = path.indexOf('.');
            String field = dot < 0 ? path : path.substring(0, dot);
            List<String> rest = byField.computeIfAbsent(field, f -> new ArrayList<>());
            if (dot >= 0) {
                rest.add(path.substring(dot + 1));
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) { // in the record's order
            List<String> rest = byField.remove(f.name());
            if (rest == null) {
                continue;
            }
            Schema type = rest.isEmpty() ? f.schema() : within(f.schema(), rest);
            Schema.Field copy = new Schema.Field(f, type);
            fields.add(copy);
        }
        if (!byField.isEmpty()) {
            throw new IllegalArgumentException(record.getFullName() + " has no fields " + byField.keySet());
        }
        Schema out = Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
        record.getObjectProps().forEach(out::addProp);
        return out;
    }

    private static Schema within(Schema schema, List<String> paths) {
        String[] p = paths.toArray(String[]::new);
        return switch (schema.getType()) {
            case RECORD -> of(schema, p);
            case ARRAY -> copyProps(schema, Schema.createArray(within(schema.getElementType(), paths)));
            case UNION -> {
                List<Schema> branches = new ArrayList<>();
                for (Schema b : schema.getTypes()) {
                    branches.add(b.getType() == Schema.Type.RECORD || b.getType() == Schema.Type.ARRAY
                            ? within(b, paths) : b);
                }
                yield Schema.createUnion(branches);
            }
            default -> throw new IllegalArgumentException("cannot go into " + schema + " for " + paths);
        };
    }

    private static Schema copyProps(Schema from, Schema to) {
        from.getObjectProps().forEach(to::addProp);
        return to;
    }
}
