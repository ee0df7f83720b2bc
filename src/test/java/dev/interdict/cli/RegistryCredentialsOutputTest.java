package dev.interdict.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With basic.auth.credentials.source=URL the registry URL holds the password: no command may print it. */
class RegistryCredentialsOutputTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void publishEventsErrorForAnUnreachableRegistryDoesNotShowTheUrlPassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path config = dir.resolve("interdict.properties");
        Files.writeString(config, "bootstrap.servers=127.0.0.1:" + closed + "\n"
                + "basic.auth.credentials.source=URL\n"
                + "schema.registry.url=http://svc:hunter2-secret@127.0.0.1:" + closed + "\n");
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "{\"type\": \"purchase_order\", \"eventId\": \"v01\", \"poNumber\": \"PO-v01\","
                + " \"orderedAt\": \"2024-07-19T23:30:00-04:00\", \"buyer\": {\"id\": \"1000\", \"name\": \"Acme Corp US\"},"
                + " \"supplier\": {\"id\": \"V-v01\", \"name\": \"Kaspersky Lab, Inc.\"}, \"lines\": [{\"lineNumber\": 1,"
                + " \"sku\": \"SKU-1\", \"description\": \"Software licence\", \"quantity\": 1, \"unitPrice\": \"100.00\"}],"
                + " \"currency\": \"USD\"}\n");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.execute("publish-events", "--config", config.toString(), "--file", events.toString());
        } finally {
            System.setErr(oldErr);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed);
        assertTrue(printed.contains("unavailable"), printed);
        assertFalse(printed.contains("hunter2"), printed);
    }
}
