package dev.interdict.serde;

import dev.interdict.avro.Decision;
import dev.interdict.testutil.FakeRegistry;
import dev.interdict.avro.PurchaseOrder;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestSchemaRegistryClientTest {
    final FakeRegistry registry;
    final Schema po = PurchaseOrder.getClassSchema();

    RestSchemaRegistryClientTest() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    RestSchemaRegistryClient client(String userInfo) {
        return new RestSchemaRegistryClient(registry.url(), userInfo, Duration.ZERO);
    }

    @Test
    void registerPostsTheSchemaToTheSubjectVersionsEndpointWithTheRegistryContentType() throws Exception {
        int id = client(null).register("interdict.purchase-orders-value", po);
        FakeRegistry.Request r = registry.requests.get(0);
        assertEquals("POST", r.method());
        assertEquals("/subjects/interdict.purchase-orders-value/versions", r.path());
        assertEquals("application/vnd.schemaregistry.v1+json", r.contentType());
        assertEquals(po, new Schema.Parser().parse(FakeRegistry.parse(r.body()).get("schema").asText()));
        assertEquals(100, id);
    }

    @Test
    void schemaByIdIsFetchedOnceThenCached() {
        int id = registry.preload("s", po.toString());
        RestSchemaRegistryClient c = client(null);
        assertEquals(po, c.getById(id));
        assertEquals(po, c.getById(id));
        assertEquals(1, registry.requests.size());
        assertEquals("/schemas/ids/" + id, registry.requests.get(0).path());
    }

    @Test
    void latestVersionAndLookupReturnIdAndVersion() {
        registry.preload("d-value", po.toString());
        int id2 = registry.preload("d-value", Decision.getClassSchema().toString());
        RestSchemaRegistryClient c = client(null);
        RegisteredSchema latest = c.getLatest("d-value");
        assertEquals(id2, latest.id());
        assertEquals(2, latest.version());
        assertEquals(Decision.getClassSchema(), latest.schema());
        assertEquals(id2, c.getId("d-value", Decision.getClassSchema()));
        assertEquals("/subjects/d-value", registry.requests.get(1).path());
    }

    @Test
    void basicAuthFromUserInfoAndWrongCredentialsFailWithoutShowingThePassword() {
        registry.requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8));
        assertEquals(100, client("svc:s3cret").register("s", po));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client("svc:wrong").register("t", po));
        assertEquals(401, e.status());
        assertFalse(e.getMessage().contains("wrong"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void documentedErrorCodesBecomeExceptionsWithStatusAndCode() {
        RestSchemaRegistryClient c = client(null);
        SchemaRegistryException subject = assertThrows(SchemaRegistryException.class, () -> c.getLatest("nope"));
        assertEquals(40401, subject.errorCode());
        assertEquals(404, subject.status());
        SchemaRegistryException schema = assertThrows(SchemaRegistryException.class, () -> c.getById(999));
        assertEquals(40403, schema.errorCode());
        registry.preload("x", po.toString());
        assertEquals(40403, assertThrows(SchemaRegistryException.class, () -> c.getId("x", Decision.getClassSchema())).errorCode());
        registry.failNextWith = 409;
        registry.failNextCode = 409;
        SchemaRegistryException incompatible = assertThrows(SchemaRegistryException.class, () -> c.register("y", po));
        assertEquals(409, incompatible.status());
        assertTrue(incompatible.getMessage().contains("injected failure"));
        registry.failNextWith = 500;
        registry.failNextCode = 50001;
        assertEquals(50001, assertThrows(SchemaRegistryException.class, () -> c.register("z", po)).errorCode());
    }

    @Test
    void passwordInTheUrlIsNeverInAnErrorMessage() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RestSchemaRegistryClient c = (RestSchemaRegistryClient) SerdeConfig.client(java.util.Map.of(
                "schema.registry.url", "http://svc:hunter2@127.0.0.1:" + closedPort,
                "basic.auth.credentials.source", "URL"));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> c.getById(1));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void passwordInTheUrlIsSentAsBasicAuthNotInTheRequestLine() {
        registry.requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8));
        RestSchemaRegistryClient c = (RestSchemaRegistryClient) SerdeConfig.client(java.util.Map.of(
                "schema.registry.url", registry.url().replace("http://", "http://svc:s3cret@"),
                "basic.auth.credentials.source", "URL"));
        assertEquals(100, c.register("s", po));
    }

    @Test
    void unreachableFirstUrlFallsBackToTheNext() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RestSchemaRegistryClient c = new RestSchemaRegistryClient("http://127.0.0.1:" + closedPort + "," + registry.url(),
                null, Duration.ZERO);
        assertEquals(100, c.register("s", po));
    }

    @Test
    void configChoosesMockForMockUrlsAndRestOtherwise() {
        assertTrue(SerdeConfig.client(java.util.Map.of("schema.registry.url", "mock://a")) instanceof MockSchemaRegistryClient);
        assertTrue(SerdeConfig.client(java.util.Map.of("schema.registry.url", registry.url(),
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "u:p")) instanceof RestSchemaRegistryClient);
        assertThrows(IllegalArgumentException.class, () -> SerdeConfig.client(java.util.Map.of()));
    }
}
