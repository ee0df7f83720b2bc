package dev.interdict.ops;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The operators' HTTP port: {@code /metrics} (Prometheus text format), {@code /health} (liveness: 200 unless a
 * Streams instance has failed) and {@code /ready} (200 when the list is loaded and every Streams instance is
 * RUNNING, else 503 with the states).
 *
 * <p>Slow clients: the JDK server reads a request's line and headers on the executor's thread, with a blocking read
 * and, by default, no time limit ({@code sun.net.httpserver.maxReqTime} is off unless set, and it is a JVM-wide
 * property read once when the JDK's server class loads). So exchanges run on {@link #REQUEST_THREADS} threads, and
 * an exchange still running after its deadline is interrupted: a thread blocked reading or writing a
 * {@code SocketChannel} is released by closing that channel ({@link java.nio.channels.ClosedByInterruptException}),
 * and the JDK server then drops the connection. One half-open client holds one thread for at most the deadline;
 * the others keep answering {@code /health}.
 *
 * <p>Credentials: when a basic-auth {@code user:password} or a bearer token is set, {@code /metrics} answers 401
 * without one of them; {@code /health} and {@code /ready} stay open for probes.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    /** Threads serving exchanges: a half-open client holds one of them until its deadline. */
    public static final int REQUEST_THREADS = 4;
    /** Exchanges waiting for a thread; beyond this a new connection is closed at once (the JDK server does that). */
    static final int QUEUED_EXCHANGES = 64;
    /** Prometheus' default scrape timeout: a scrape it still waits for is never cut. */
    public static final Duration DEFAULT_EXCHANGE_DEADLINE = Duration.ofSeconds(10);
    static final String REALM = "interdict-metrics";

    /**
     * Where to listen and what {@code /metrics} requires.
     *
     * @param bindAddress      an address or host name of this machine; {@code 0.0.0.0} = every interface
     * @param port             0 = any free port
     * @param basicUserInfo    {@code user:password} for basic auth on {@code /metrics}, or null
     * @param bearerToken      a bearer token for {@code /metrics}, or null
     * @param exchangeDeadline longest time one exchange (reading the request, answering it) may hold a thread
     */
    public record Settings(String bindAddress, int port, String basicUserInfo, String bearerToken, Duration exchangeDeadline) {
        public Settings {
            basicUserInfo = blankToNull(basicUserInfo);
            bearerToken = blankToNull(bearerToken);
            if (basicUserInfo != null && basicUserInfo.indexOf(':') < 1) {
                throw new IllegalArgumentException("the metrics basic-auth user info must be user:password");
            }
            if (exchangeDeadline == null || exchangeDeadline.isNegative() || exchangeDeadline.isZero()) {
                throw new IllegalArgumentException("the exchange deadline must be positive: " + exchangeDeadline);
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }

        InetSocketAddress socketAddress() {
            return bindAddress == null || bindAddress.isBlank() ? new InetSocketAddress(port)
                    : new InetSocketAddress(bindAddress.trim(), port);
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor deadlines;

    public OpsServer(Settings settings, InterdictMetrics metrics, List<KafkaStreams> streams, IntSupplier listSize) throws IOException {
        InetSocketAddress address = settings.socketAddress();
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve the metrics bind address " + settings.bindAddress());
        }
        pool = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED_EXCHANGES), daemons("interdict-ops-http"));
        deadlines = new ScheduledThreadPoolExecutor(1, daemons("interdict-ops-deadline"));
        deadlines.setRemoveOnCancelPolicy(true);
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException | RuntimeException e) {
            shutdownExecutors();
            throw e;
        }
        server.setExecutor(withDeadline(settings.exchangeDeadline()));
        var metricsContext = server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.registry().scrape()));
        if (settings.basicUserInfo() != null || settings.bearerToken() != null) {
            metricsContext.setAuthenticator(new Credentials(settings.basicUserInfo(), settings.bearerToken()));
        }
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

    /**
     * Runs each exchange on the pool and interrupts it if it still runs after the deadline. {@link FutureTask#cancel}
     * interrupts only while the task runs (never the thread's next task); the pool clears a left-over interrupt
     * before it runs the next one. The deadline starts when the exchange gets its thread: one still queued is never
     * cancelled unrun (its connection would be left open with nobody reading it).
     */
    private Executor withDeadline(Duration deadline) {
        long nanos = deadline.toNanos();
        return exchange -> pool.execute(() -> {
            FutureTask<Void> task = new FutureTask<>(exchange, null);
            ScheduledFuture<?> alarm = deadlines.schedule(() -> task.cancel(true), nanos, TimeUnit.NANOSECONDS);
            try {
                task.run();
            } finally {
                alarm.cancel(false);
            }
            if (!task.isCancelled()) {
                try {
                    task.get();
                } catch (ExecutionException e) {
                    // the JDK's exchange handles its exceptions itself: what reaches here is an Error
                    LOG.warn("ops HTTP exchange failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address and port the server listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Basic and/or bearer credentials on {@code /metrics}, compared in constant time (as bytes, with
     * {@link MessageDigest#isEqual}, the configured secret first: its loop runs over the first array's length): the
     * time to refuse tells neither how much of a guess was right nor how long the secret is compared with the guess.
     */
    static final class Credentials extends Authenticator {
        private final byte[] basic;
        private final byte[] bearer;

        Credentials(String basicUserInfo, String bearerToken) {
            basic = basicUserInfo == null ? null : basicUserInfo.getBytes(StandardCharsets.UTF_8);
            bearer = bearerToken == null ? null : bearerToken.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Result authenticate(HttpExchange ex) {
            String header = ex.getRequestHeaders().getFirst("Authorization");
            if (header != null && accepts(header.trim())) {
                return new Success(new HttpPrincipal("scraper", REALM));
            }
            if (basic != null) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
            if (bearer != null) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
            }
            return new Failure(401);
        }

        private boolean accepts(String header) {
            if (basic != null && isScheme(header, "Basic")) {
                byte[] presented;
                try {
                    presented = Base64.getDecoder().decode(header.substring("Basic".length()).trim());
                } catch (IllegalArgumentException notBase64) {
                    return false;
                }
                return MessageDigest.isEqual(basic, presented);
            }
            if (bearer != null && isScheme(header, "Bearer")) {
                return MessageDigest.isEqual(bearer, header.substring("Bearer".length()).trim().getBytes(StandardCharsets.UTF_8));
            }
            return false;
        }

        private static boolean isScheme(String header, String scheme) {
            return header.length() > scheme.length() && header.charAt(scheme.length()) == ' '
                    && header.substring(0, scheme.length()).toLowerCase(Locale.ROOT).equals(scheme.toLowerCase(Locale.ROOT));
        }
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

    private void shutdownExecutors() {
        pool.shutdownNow();
        deadlines.shutdownNow();
    }

    @Override
    public void close() {
        server.stop(0);
        shutdownExecutors();
    }
}
