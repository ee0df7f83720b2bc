package dev.interdict.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interdict.testutil.FakeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registry conformance: {@link FakeRegistry}, which the serde and integration tests use in place of Confluent's
 * Schema Registry, answers the REST API as Confluent's does (raw HTTP here, no Interdict client): schema equality
 * with properties and docs, references, the 40401/40402/40403/42201 error codes, {@code ?normalize=true}, and
 * subjects as the three subject name strategies name them.
 */
class RegistryConformanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    record Answer(int status, JsonNode body) {
        int errorCode() {
            return body.path("error_code").asInt();
        }
    }

    Answer call(String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    static ObjectNode schema(String text, FakeRegistry.Ref... refs) {
        ObjectNode n = JSON.createObjectNode().put("schema", text);
        if (refs.length > 0) {
            var a = n.putArray("references");
            for (FakeRegistry.Ref r : refs) {
                a.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
            }
        }
        return n;
    }

    static final String PARTY = Avsc.text("Party");
    static final String PARTY_WITH_JAVA_PROPERTY = PARTY.replace("\"type\": \"string\", \"doc\": \"The party's legal",
            "\"type\": {\"type\": \"string\", \"avro.java.string\": \"String\"}, \"doc\": \"The party's legal");
    static final String PARTY_OTHER_DOC = PARTY.replace("Screened.", "Screened by Interdict.");
    static final String PARTY_REFORMATTED;

    static {
        try {
            PARTY_REFORMATTED = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(PARTY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sameSchemaTextOrLayoutIsOneVersionAndOneIdAcrossSubjects() throws Exception {
        int id = call("POST", "/subjects/a-value/versions", schema(PARTY)).body().get("id").asInt();
        assertEquals(id, call("POST", "/subjects/a-value/versions", schema(PARTY_REFORMATTED)).body().get("id").asInt());
        assertEquals(JSON.readTree("[1]"), call("GET", "/subjects/a-value/versions", null).body());
        assertEquals(id, call("POST", "/subjects/b-value/versions", schema(PARTY)).body().get("id").asInt());
        assertEquals(id, call("POST", "/subjects/a-value", schema(PARTY_REFORMATTED)).body().get("id").asInt());
    }

    @Test
    void schemasDifferingOnlyInAPropertyOrADocAreDifferentSchemas() throws Exception {
        int id = call("POST", "/subjects/a-value/versions", schema(PARTY)).body().get("id").asInt();
        assertNotEquals(PARTY, PARTY_WITH_JAVA_PROPERTY);
        Answer withProperty = call("POST", "/subjects/a-value", schema(PARTY_WITH_JAVA_PROPERTY));
        assertEquals(404, withProperty.status());
        assertEquals(40403, withProperty.errorCode());
        assertEquals(40403, call("POST", "/subjects/a-value", schema(PARTY_OTHER_DOC)).errorCode());
        int other = call("POST", "/subjects/a-value/versions", schema(PARTY_OTHER_DOC)).body().get("id").asInt();
        assertNotEquals(id, other);
        assertEquals(2, call("GET", "/subjects/a-value/versions/latest", null).body().get("version").asInt());
    }

    @Test
    void errorCodesAreConfluents() throws Exception {
        Answer subject = call("POST", "/subjects/none-value", schema(PARTY));
        assertEquals(404, subject.status());
        assertEquals(40401, subject.errorCode());
        assertEquals(40401, call("GET", "/subjects/none-value/versions/latest", null).errorCode());
        assertEquals(40403, call("GET", "/schemas/ids/999", null).errorCode());
        call("POST", "/subjects/a-value/versions", schema(PARTY));
        Answer version = call("GET", "/subjects/a-value/versions/2", null);
        assertEquals(404, version.status());
        assertEquals(40402, version.errorCode());
        Answer invalid = call("POST", "/subjects/a-value/versions", schema("{\"type\": \"record\", \"name\": \"X\"}"));
        assertEquals(422, invalid.status());
        assertEquals(42201, invalid.errorCode());
        Answer undefined = call("POST", "/subjects/po-value/versions", schema(Avsc.text("PurchaseOrder")));
        assertEquals(42201, undefined.errorCode(), "a named type of another file without a reference is invalid");
    }

    @Test
    void referencesAreKeptAnsweredAndPartOfTheSchemasIdentity() throws Exception {
        call("POST", "/subjects/dev.interdict.avro.Party/versions", schema(PARTY));
        FakeRegistry.Ref ref = new FakeRegistry.Ref("dev.interdict.avro.Party", "dev.interdict.avro.Party", 1);
        int id = call("POST", "/subjects/po-value/versions", schema(Avsc.text("PurchaseOrder"), ref)).body()
                .get("id").asInt();
        JsonNode byId = call("GET", "/schemas/ids/" + id, null).body();
        assertEquals(JSON.readTree("[{\"name\":\"dev.interdict.avro.Party\",\"subject\":\"dev.interdict.avro.Party\","
                + "\"version\":1}]"), byId.get("references"));
        JsonNode version = call("GET", "/subjects/po-value/versions/1", null).body();
        assertEquals(byId.get("references"), version.get("references"));
        assertEquals(id, version.get("id").asInt());
        // the same record with Party written inline is another schema (Confluent compares references too)
        Answer inlined = call("POST", "/subjects/po-value", schema(Avsc.inlined("Party", "PurchaseOrder")));
        assertEquals(40403, inlined.errorCode());
        assertEquals(id, call("POST", "/subjects/po-value", schema(Avsc.text("PurchaseOrder"), ref)).body()
                .get("id").asInt());
    }

    @Test
    void normalizeTrueKeepsTheCanonicalTextAndIgnoresTheOrderOfReferences() throws Exception {
        call("POST", "/subjects/dev.interdict.avro.Activity/versions", schema(Avsc.text("Activity")));
        call("POST", "/subjects/dev.interdict.avro.Verdict/versions", schema(Avsc.text("Verdict")));
        FakeRegistry.Ref activity = new FakeRegistry.Ref("dev.interdict.avro.Activity", "dev.interdict.avro.Activity", 1);
        FakeRegistry.Ref verdict = new FakeRegistry.Ref("dev.interdict.avro.Verdict", "dev.interdict.avro.Verdict", 1);
        int id = call("POST", "/subjects/alert-value/versions?normalize=true",
                schema(Avsc.text("Alert"), verdict, activity)).body().get("id").asInt();
        assertFalse(registry.schemaText(id).contains("\n"), "kept in canonical form");
        assertEquals(id, call("POST", "/subjects/alert-value?normalize=true", schema(Avsc.text("Alert"), activity, verdict))
                .body().get("id").asInt());
        assertEquals(40403, call("POST", "/subjects/alert-value", schema(Avsc.text("Alert"), verdict, activity))
                .errorCode(), "without normalize the order of references counts");
    }

    @Test
    void subjectsOfTheThreeStrategiesAreOrdinarySubjects() throws Exception {
        for (String subject : List.of("orders-value", "dev.interdict.avro.Party", "orders-dev.interdict.avro.Party")) {
            int id = call("POST", "/subjects/" + subject + "/versions", schema(PARTY)).body().get("id").asInt();
            JsonNode latest = call("GET", "/subjects/" + subject + "/versions/latest", null).body();
            assertEquals(subject, latest.get("subject").asText());
            assertEquals(id, latest.get("id").asInt());
        }
        assertTrue(registry.versions("dev.interdict.avro.Party").size() == 1);
    }
}
