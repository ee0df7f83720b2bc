package dev.interdict.serde;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hostile or broken registry must neither fill the heap nor hold the caller past a bound. */
class RegistryResponseLimitsTest {
    final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-registry");
        t.setDaemon(true);
        return t;
    });
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    String serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    @Timeout(120)
    void endlessBodyIsABoundedOutageErrorNotAnOutOfMemoryError() throws Exception {
        String url = serve(ex -> {
            ex.sendResponseHeaders(200, 0); // chunked, no end
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = ex.getResponseBody()) {
                out.write("{\"schema\": \"".getBytes(StandardCharsets.UTF_8));
                for (long sent = 0; sent < (64L << 30); sent += chunk.length) { // 64 GB: endless for the heap
                    out.write(chunk);
                }
            } catch (IOException clientWentAway) {
                // the client dropped the connection: what it should do
            }
        });
        RestSchemaRegistryClient c = new RestSchemaRegistryClient(url, null, Duration.ZERO);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> c.getById(1));
        assertTrue(e.unavailable(), e.toString());
        assertTrue(e.getMessage().contains("larger than " + RestSchemaRegistryClient.MAX_RESPONSE_BYTES + " bytes"),
                e.getMessage());
    }

    @Test
    @Timeout(60)
    void bodyDrippedOneByteASecondFailsAfterTheExchangeTimeoutNotAfterTheBody() throws Exception {
        String url = serve(ex -> {
            String body = "{\"schema\": \"\\\"string\\\"\"}" + " ".repeat(200);
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length); // headers at once, then the body a byte a second (> 200 s)
            try (OutputStream out = ex.getResponseBody()) {
                for (byte x : b) {
                    out.write(x);
                    out.flush();
                    Thread.sleep(1_000);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // the client gave up: what it should do
            }
        });
        RestSchemaRegistryClient c = new RestSchemaRegistryClient(url, null, Duration.ZERO, null,
                Duration.ofSeconds(2), RestSchemaRegistryClient.MAX_RESPONSE_BYTES);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> c.getById(1));
        assertTrue(e.unavailable(), e.toString());
        assertTrue(e.getMessage().contains("within 2000 ms"), e.getMessage());
    }

    @Test
    void basicAuthOverPlainHttpToAnotherHostIsWarnedAboutOnce() {
        Logger logger = (Logger) LoggerFactory.getLogger(RestSchemaRegistryClient.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            String host = "http://registry-" + System.nanoTime() + ".example:8081";
            new RestSchemaRegistryClient(host, "svc:s3cret", Duration.ZERO);
            new RestSchemaRegistryClient(host, "svc:s3cret", Duration.ZERO);
            new RestSchemaRegistryClient("http://127.0.0.1:8081,http://localhost:8081", "svc:s3cret", Duration.ZERO);
            new RestSchemaRegistryClient("https://registry.example:8081", "svc:s3cret", Duration.ZERO);
            new RestSchemaRegistryClient("http://other-" + System.nanoTime() + ".example:8081", null, Duration.ZERO);
            var warnings = logs.list.stream().filter(l -> l.getFormattedMessage().contains("clear text")).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).getFormattedMessage().contains(host), warnings.get(0).getFormattedMessage());
            assertTrue(!warnings.get(0).getFormattedMessage().contains("s3cret"));
        } finally {
            logger.detachAppender(logs);
        }
    }
}
