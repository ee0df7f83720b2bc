package dev.interdict.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

import java.io.IOException;

/** The two transformations Confluent's serializer applies to a writer schema before it asks the registry. */
final class AvroSchemaText {
    /** The property the Java code generator puts on every string ({@code <stringType>String</stringType>}). */
    static final String JAVA_STRING_PROPERTY = "avro.java.string";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroSchemaText() {
    }

    /**
     * {@code avro.remove.java.properties}: the schema without {@code "avro.java.string"} anywhere, i.e. the schema of
     * the {@code .avsc} files the classes were generated from. The registry compares schemas with their properties,
     * so without this a lookup with the generated class's schema never finds the {@code .avsc} registered by hand.
     */
    static Schema withoutJavaProperties(Schema schema) {
        try {
            JsonNode node = JSON.readTree(schema.toString());
            if (!strip(node)) {
                return schema;
            }
            return new Schema.Parser().parse(node.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-read the schema of " + schema.getFullName(), e);
        }
    }

    private static boolean strip(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode o && o.remove(JAVA_STRING_PROPERTY) != null) {
            changed = true;
        }
        for (JsonNode child : node) {
            changed |= strip(child);
        }
        return changed;
    }

    /**
     * {@code normalize.schemas}: the schema in one canonical text — attributes in Avro's order, names resolved,
     * no insignificant white space — so that equivalent texts compare equal; the registry is also asked to normalise
     * ({@code ?normalize=true}).
     */
    static Schema normalized(Schema schema) {
        return new Schema.Parser().parse(schema.toString());
    }
}
