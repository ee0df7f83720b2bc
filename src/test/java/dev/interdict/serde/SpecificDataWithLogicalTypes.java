package dev.interdict.serde;

import org.apache.avro.generic.GenericData;

/** GenericData that knows the logical types the generated classes use (timestamp-millis, date). */
final class SpecificDataWithLogicalTypes {
    static final GenericData INSTANCE = new GenericData();

    static {
        INSTANCE.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        INSTANCE.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
    }

    private SpecificDataWithLogicalTypes() {
    }
}
