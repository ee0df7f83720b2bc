package dev.interdict.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * The operators' HTTP port: {@code /metrics} (Prometheus text format), {@code /health} (liveness: 200 unless a
 * Streams instance has failed) and {@code /ready} (200 when the list is loaded and every Streams instance is
 * RUNNING, else 503 with the states).
 */
public final class OpsServer implements AutoCloseable {
    private final HttpServer server;

    public OpsServer(int port, InterdictMetrics metrics, List<KafkaStreams> streams, IntSupplier listSize) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "interdict-ops-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.registry().scrape()));
        server.createContext("/health", ex -> {
            boolean failed = streams.stream().anyMatch(s -> s.state() == KafkaStreams.State.ERROR);
            reply(ex, failed ? 503 : 200, "application/json", "{\"status\":\"" + (failed ? "DOWN" : "UP")
                    + "\",\"streams\":" + states(streams) + "}");
        });
        server.createContext("/ready", ex -> {
            boolean running = streams.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING);
            int entities = listSize.getAsInt();
            boolean ready = running && entities > 0;
            reply(ex, ready ? 200 : 503, "application/json", "{\"ready\":" + ready + ",\"listEntities\":" + entities
                    + ",\"streams\":" + states(streams) + "}");
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static String states(List<KafkaStreams> streams) {
        StringBuilder b = new StringBuilder("[");
        for (KafkaStreams s : streams) {
            b.append(b.length() > 1 ? "," : "").append('"').append(s.state()).append('"');
        }
        return b.append(']').toString();
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
