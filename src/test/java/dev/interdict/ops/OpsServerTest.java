package dev.interdict.ops;

import dev.interdict.screening.Screener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ops port: bind address, concurrency and deadlines against slow clients, optional credentials on /metrics. */
class OpsServerTest {
    /** Socket reads give up after this (a hang guard, not a timing assertion: the tests' @Timeout is shorter). */
    static final int HANG_GUARD_MILLIS = 30_000;
    final InterdictMetrics metrics = new InterdictMetrics(new Screener());
    final List<Socket> halfOpen = new ArrayList<>();
    OpsServer server;

    @AfterEach
    void close() throws IOException {
        for (Socket s : halfOpen) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
        metrics.close();
    }

    OpsServer start(OpsServer.Settings settings) throws IOException {
        server = new OpsServer(settings, metrics, List.of(), () -> 0);
        return server;
    }

    static OpsServer.Settings loopback() {
        return new OpsServer.Settings("127.0.0.1", 0, null, null, OpsServer.DEFAULT_EXCHANGE_DEADLINE);
    }

    /** Connects and sends a request line and a header, but never the blank line that ends the headers. */
    Socket openHalfRequest() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        halfOpen.add(s);
        s.setSoTimeout(HANG_GUARD_MILLIS);
        OutputStream out = s.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    record Reply(int status, String body, String wwwAuthenticate) {
    }

    Reply get(String path, String authorization) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + path).openConnection();
        c.setConnectTimeout(HANG_GUARD_MILLIS);
        c.setReadTimeout(HANG_GUARD_MILLIS);
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Reply(status, body, c.getHeaderField("WWW-Authenticate"));
    }

    static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard: with one request thread and no deadline, /health waited for the half-open client
    void healthAnswersWhileAnotherClientHoldsAHalfOpenRequest() throws Exception {
        start(loopback());
        openHalfRequest();
        Thread.sleep(200); // let the server hand the half-open connection to a request thread
        Reply health = get("/health", null);
        assertEquals(200, health.status());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard: every request thread held by a half-open client, until the deadline frees them
    void halfOpenRequestsAreCutAtTheDeadlineSoTheyCannotHoldEveryRequestThread() throws Exception {
        start(new OpsServer.Settings("127.0.0.1", 0, null, null, Duration.ofMillis(500)));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < OpsServer.REQUEST_THREADS + 1; i++) {
            slow.add(openHalfRequest());
        }
        Thread.sleep(200);
        assertEquals(200, get("/health", null).status());
        for (Socket s : slow) {
            assertTrue(closedByServer(s), "the server closes a request that passed its deadline");
        }
    }

    /** Blocks until the server closes the connection (the test's @Timeout guards the wait). */
    static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void bindsTheConfiguredAddress() throws Exception {
        start(loopback());
        assertTrue(server.address().getAddress().isLoopbackAddress(), server.address().toString());
    }

    @Test
    void metricsAreOpenWhenNoCredentialsAreConfigured() throws Exception {
        start(loopback());
        Reply m = get("/metrics", null);
        assertEquals(200, m.status());
        assertTrue(m.body().contains("interdict_list_entities"), m.body());
    }

    @Test
    void metricsWithoutTheBearerTokenAnswer401AndWithItAnswer200() throws Exception {
        start(new OpsServer.Settings("127.0.0.1", 0, null, "s3cret-token", OpsServer.DEFAULT_EXCHANGE_DEADLINE));
        Reply none = get("/metrics", null);
        assertEquals(401, none.status());
        assertNotNull(none.wwwAuthenticate());
        assertTrue(none.wwwAuthenticate().startsWith("Bearer"), none.wwwAuthenticate());
        assertTrue(!none.body().contains("interdict_"), "no metrics without credentials");
        assertEquals(401, get("/metrics", "Bearer s3cret-tokeN").status());
        assertEquals(401, get("/metrics", "Bearer s3cret-token-and-more").status());
        assertEquals(401, get("/metrics", basic("s3cret-token:s3cret-token")).status());
        Reply ok = get("/metrics", "Bearer s3cret-token");
        assertEquals(200, ok.status());
        assertTrue(ok.body().contains("interdict_list_entities"), ok.body());
    }

    @Test
    void metricsWithoutTheBasicCredentialsAnswer401AndWithThemAnswer200() throws Exception {
        start(new OpsServer.Settings("127.0.0.1", 0, "prometheus:pa:ss", null, OpsServer.DEFAULT_EXCHANGE_DEADLINE));
        Reply none = get("/metrics", null);
        assertEquals(401, none.status());
        assertNotNull(none.wwwAuthenticate());
        assertTrue(none.wwwAuthenticate().startsWith("Basic realm="), none.wwwAuthenticate());
        assertEquals(401, get("/metrics", basic("prometheus:wrong")).status());
        assertEquals(401, get("/metrics", basic("other:pa:ss")).status());
        assertEquals(401, get("/metrics", "Basic not-base64!").status());
        assertEquals(401, get("/metrics", "Bearer prometheus:pa:ss").status());
        assertEquals(200, get("/metrics", basic("prometheus:pa:ss")).status());
    }

    @Test
    void healthAndReadyStayOpenWhenMetricsRequireCredentials() throws Exception {
        start(new OpsServer.Settings("127.0.0.1", 0, "prometheus:pass", "token", OpsServer.DEFAULT_EXCHANGE_DEADLINE));
        assertEquals(200, get("/health", null).status());
        Reply ready = get("/ready", null);
        assertEquals(503, ready.status(), "no list loaded");
        assertNull(ready.wwwAuthenticate());
        assertEquals(200, get("/metrics", "Bearer token").status(), "either configured credential is accepted");
        assertEquals(200, get("/metrics", basic("prometheus:pass")).status(), "either configured credential is accepted");
    }
}
