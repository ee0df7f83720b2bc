package dev.interdict.serde;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.testutil.FakeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An https registry with a certificate of its own CA is reached with Confluent's {@code schema.registry.ssl.*}
 * settings. The key pairs are made by the JDK's keytool into temporary PKCS12 stores.
 */
@Timeout(120)
class RegistryTlsTest {
    static final String PASSWORD = "changeit";
    @TempDir
    Path dir;
    HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A self-signed key pair for {@code dname}/{@code san} in a PKCS12 keystore, and a truststore with its certificate. */
    Path[] keyPair(String name, String san) throws Exception {
        Path keystore = dir.resolve(name + "-keystore.p12");
        Path cert = dir.resolve(name + ".crt");
        Path truststore = dir.resolve(name + "-truststore.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", name, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", PASSWORD);
        return new Path[] {keystore, truststore};
    }

    static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
    }

    static KeyStore load(Path p) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    /** An https server answering as a registry with one schema (id 100), optionally requiring a client certificate. */
    String serve(Path serverKeystore, Path clientTruststore) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(serverKeystore), PASSWORD.toCharArray());
        TrustManagerFactory tmf = null;
        if (clientTruststore != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(clientTruststore));
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        boolean needClientAuth = clientTruststore != null;
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(ssl);
            }
        });
        String schema = PurchaseOrder.getClassSchema().toString();
        String answer = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("schema", schema)
                .toString();
        server.createContext("/", ex -> FakeRegistry.reply(ex, 200, "application/vnd.schemaregistry.v1+json", answer));
        server.start();
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    static Map<String, Object> trusting(String url, Path truststore) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", url);
        config.put("schema.registry.ssl.truststore.location", truststore.toString());
        config.put("schema.registry.ssl.truststore.password", PASSWORD);
        config.put("schema.registry.ssl.truststore.type", "PKCS12");
        return config;
    }

    @Test
    void httpsRegistryWithItsOwnCaIsReachedWithTheConfiguredTruststoreAndRefusedWithout() throws Exception {
        Path[] server = keyPair("registry", "ip:127.0.0.1,dns:localhost");
        String url = serve(server[0], null);
        SchemaRegistryException untrusted = assertThrows(SchemaRegistryException.class,
                () -> SerdeConfig.client(Map.of("schema.registry.url", url)).getById(100));
        assertTrue(untrusted.unavailable(), untrusted.toString());
        assertEquals(PurchaseOrder.getClassSchema(), SerdeConfig.client(trusting(url, server[1])).getById(100));
    }

    @Test
    void clientCertificateComesFromTheConfiguredKeystore() throws Exception {
        Path[] server = keyPair("registry", "ip:127.0.0.1,dns:localhost");
        Path[] client = keyPair("interdict", "dns:interdict");
        String url = serve(server[0], client[1]);
        assertThrows(SchemaRegistryException.class, () -> SerdeConfig.client(trusting(url, server[1])).getById(100));
        Map<String, Object> config = trusting(url, server[1]);
        config.put("schema.registry.ssl.keystore.location", client[0].toString());
        config.put("schema.registry.ssl.keystore.password", PASSWORD);
        config.put("schema.registry.ssl.keystore.type", "PKCS12");
        config.put("schema.registry.ssl.key.password", PASSWORD);
        assertEquals(PurchaseOrder.getClassSchema(), SerdeConfig.client(config).getById(100));
    }

    @Test
    void hostNameIsCheckedUnlessEndpointIdentificationIsTurnedOff() throws Exception {
        Path[] server = keyPair("registry", "dns:registry.example"); // not 127.0.0.1
        String url = serve(server[0], null);
        SchemaRegistryException wrongHost = assertThrows(SchemaRegistryException.class,
                () -> SerdeConfig.client(trusting(url, server[1])).getById(100));
        assertTrue(wrongHost.unavailable(), wrongHost.toString());
        Map<String, Object> config = trusting(url, server[1]);
        config.put("schema.registry.ssl.endpoint.identification.algorithm", "");
        assertEquals(PurchaseOrder.getClassSchema(), SerdeConfig.client(config).getById(100));
    }
}
