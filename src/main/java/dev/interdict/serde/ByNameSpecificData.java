package dev.interdict.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.HashMap;
import java.util.Map;

/**
 * Writes specific records with another (compatible) schema, as {@code use.latest.version} needs: fields are taken by
 * name, not position, and a field the record's class does not have is written with its default from the target
 * schema.
 */
final class ByNameSpecificData extends SpecificData {
    private final Map<String, Object> defaults = new HashMap<>();

    ByNameSpecificData(Schema target) {
        collectDefaults(target, new java.util.HashSet<>());
    }

    private void collectDefaults(Schema s, java.util.Set<String> seen) {
        switch (s.getType()) {
            case RECORD -> {
                if (!seen.add(s.getFullName())) {
                    return;
                }
                for (Schema.Field f : s.getFields()) {
                    if (f.hasDefaultValue()) {
                        defaults.put(s.getFullName() + "." + f.name(), GenericData.get().getDefaultValue(f));
                    }
                    collectDefaults(f.schema(), seen);
                }
            }
            case UNION -> s.getTypes().forEach(t -> collectDefaults(t, seen));
            case ARRAY -> collectDefaults(s.getElementType(), seen);
            case MAP -> collectDefaults(s.getValueType(), seen);
            default -> { }
        }
    }

    @Override
    public Object getField(Object record, String name, int position) {
        if (record instanceof SpecificRecord r) {
            Schema.Field own = r.getSchema().getField(name);
            return own != null ? r.get(own.pos()) : defaults.get(r.getSchema().getFullName() + "." + name);
        }
        return super.getField(record, name, position);
    }

    @Override
    protected Object getField(Object record, String name, int pos, Object state) {
        return getField(record, name, pos);
    }
}
