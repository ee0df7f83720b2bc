package dev.interdict.serde;

import dev.interdict.app.RegistryFailures;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.testutil.FakeRegistry;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry that is misconfigured (wrong URL or path prefix, a web page instead of the API) must not turn every
 * good record into a dead letter: only the registry's own "schema not found" (40403) is about the record.
 */
class RegistryMisconfigurationTest {
    /** A record naming schema id 999, which the fake registry does not have. */
    static final byte[] RECORD = {0, 0, 0, 3, (byte) 231, 2};
    static final String HTML = "<!DOCTYPE html><html><head><title>Not Found</title></head><body>nginx</body></html>";

    final FakeRegistry registry;

    RegistryMisconfigurationTest() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    Deserializer<PurchaseOrder> deserializer(String url) {
        return AvroSerdes.forClass(PurchaseOrder.class, Map.of("schema.registry.url", url)).deserializer();
    }

    /** The error for an outage: a SchemaRegistryException classified as unavailable, not a dead letter. */
    void assertOutage(String url) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> deserializer(url).deserialize("t", RECORD));
        assertFalse(e instanceof SerializationException, "would be dead-lettered: " + e);
        assertTrue(e instanceof SchemaRegistryException, e.toString());
        assertTrue(((SchemaRegistryException) e).unavailable(), e.toString());
        assertTrue(RegistryFailures.unavailable(e), e.toString());
    }

    @Test
    void schemaNotFoundFromTheRegistryIsTheRecordsFaultAndIsDeadLettered() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer(registry.url()).deserialize("t", RECORD));
        assertFalse(RegistryFailures.unavailable(e), e.toString());
        assertTrue(e.getMessage().contains("unknown schema id 999"), e.getMessage());
    }

    @Test
    void wrongPathPrefixAnsweredWithTheRegistrysPlain404IsAnOutageNotADeadLetter() {
        assertOutage(registry.url() + "/wrong-prefix"); // the registry's own {"error_code":404,...}
    }

    @Test
    void plainHtml404FromAProxyIsAnOutageNotADeadLetter() {
        registry.instead = ex -> FakeRegistry.reply(ex, 404, "text/html", HTML);
        assertOutage(registry.url());
    }

    @Test
    void htmlPageWithStatus200IsAnOutageNotADeadLetter() {
        registry.instead = ex -> FakeRegistry.reply(ex, 200, "text/html", "<html><body>Welcome to nginx!</body></html>");
        assertOutage(registry.url());
    }

    @Test
    void status200WithJsonThatIsNotASchemaIsAnOutageNotADeadLetter() {
        registry.instead = ex -> FakeRegistry.reply(ex, 200, "application/json", "{\"status\":\"ok\"}");
        assertOutage(registry.url());
    }

    @Test
    void subjectNotFound40401IsAnOutageNotADeadLetter() {
        registry.instead = ex -> FakeRegistry.reply(ex, 404, "application/vnd.schemaregistry.v1+json",
                "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
        assertOutage(registry.url());
    }

    @Test
    void unparsableJsonErrorBodyIsAnOutageNotADeadLetter() {
        registry.instead = ex -> FakeRegistry.reply(ex, 404, "application/json", "{\"error_code\":40403,");
        assertOutage(registry.url());
    }
}
