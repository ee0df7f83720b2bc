package dev.interdict.testutil;

import dev.interdict.avro.PurchaseOrder;
import dev.interdict.serde.MockSchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A compatible evolution of an event schema, and events written with it as an ERP on a newer version would. */
public final class EvolvedSchema {
    private EvolvedSchema() {
    }

    /** The schema plus one optional field, {@code costCenter}, with a null default. */
    public static Schema of(Schema s) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : s.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("costCenter", SchemaBuilder.unionOf().nullType().and().stringType().endUnion(),
                "new in v2", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, fields);
    }

    /**
     * The order written with the evolved schema ({@code costCenter} set), registered under {@code subject} in the
     * mock registry's {@code scope}: a Confluent wire-format message.
     */
    public static byte[] purchaseOrderMessage(PurchaseOrder po, String scope, String subject) {
        Schema newer = of(PurchaseOrder.getClassSchema());
        GenericRecord g = new GenericData.Record(newer);
        for (Schema.Field f : PurchaseOrder.getClassSchema().getFields()) {
            g.put(f.name(), po.get(f.pos()));
        }
        g.put("costCenter", "CC-42");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(newer, SpecificData.getForClass(PurchaseOrder.class)).write(g, enc);
            enc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int id = MockSchemaRegistryClient.forScope(scope).register(subject, newer);
        return ByteBuffer.allocate(5 + out.size()).put((byte) 0).putInt(id).put(out.toByteArray()).array();
    }
}
