package dev.interdict.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks {@code load-list} makes before it connects to anything (no broker needed). */
class LoadListCommandTest {
    static final String ENTITY = "{\"entityId\":\"%s\",\"name\":\"%s\",\"source\":\"S\",\"citation\":\"C\","
            + "\"restrictions\":[{\"activity\":\"ANY\",\"effectiveFrom\":\"2024-01-01T00:00:00Z\"}]}\n";

    @TempDir
    Path dir;

    record Run(int status, String err) {
    }

    static Run run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void listWithADuplicateIdIsRefusedBeforeAnyConnectionWithStatusTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("dup.jsonl"),
                String.format(ENTITY, "kasp", "Kaspersky Lab, Inc.") + String.format(ENTITY, "kasp", "Someone Else"));
        // no broker or registry configured: a command that got as far as connecting would stop with status 1
        Run r = run("load-list", "--file", file.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(file + ":2: entityId \"kasp\" is also on " + file + ":1"), r.err());
        assertTrue(r.err().contains("2 entities rejected in " + file + ": \"kasp\" (lines 1, 2)"), r.err());
        assertTrue(r.err().contains("nothing published"), r.err());
    }

    @Test
    void checkRefusesAListWithARejectedRowAndPassesAGoodOne() throws IOException {
        LoadListCommand c = new LoadListCommand();
        c.format = "jsonl";
        c.file = Files.writeString(dir.resolve("bad.jsonl"), String.format(ENTITY, "a", "A")
                + "{\"entityId\":\"b\",\"name\":\"B\",\"source\":\"S\",\"citation\":\"C\",\"restrictions\":["
                + "{\"activity\":\"ANY\",\"effectiveFrom\":\"2024-01-01T00:00:00Z\",\"effectiveUntil\":\"2020-01-01T00:00:00Z\"}]}\n")
                .toString();
        assertNull(quietly(c), "a list with an entity missing is not published");
        c.allowPartialList = true;
        assertEquals(1, quietly(c).entities().size());
        c.allowPartialList = false;
        c.file = Files.writeString(dir.resolve("good.jsonl"), String.format(ENTITY, "a", "A")).toString();
        assertNotNull(quietly(c));
    }

    @Test
    void ftmDeltaWithARejectedChangeIsRefusedBeforeAnyConnectionAndDryRunNeedsNoSyncFlag() throws IOException {
        Path file = Files.writeString(dir.resolve("entities.delta.json"),
                "{\"op\":\"DEL\",\"entity\":{\"id\":\"NK-a\"}}\n{\"op\":\"REPLACE\",\"entity\":{\"id\":\"NK-b\"}}\n");
        // no broker configured: a command that got as far as connecting would stop with status 1
        Run r = run("load-list", "--format", "ftm-delta", "--dry-run", "--delisted-at", "2026-01-01T00:00:00Z",
                "--file", file.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(file + ":2: op: \"REPLACE\" is not one of ADD, MOD, DEL"), r.err());
        assertTrue(r.err().contains("nothing published"), r.err());
    }

    @Test
    void ftmFileIsCheckedLikeEveryListFormat() throws IOException {
        LoadListCommand c = new LoadListCommand();
        c.format = "ftm";
        c.file = Files.writeString(dir.resolve("entities.ftm.json"),
                "{\"id\":\"NK-a\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Alpha Fiktiv AG\"]},\"target\":true}\n"
                + "{\"id\":\"NK-s\",\"schema\":\"Sanction\",\"properties\":{\"entity\":[\"NK-a\"],\"startDate\":[\"2024-06\"]}}\n")
                .toString();
        dev.interdict.lists.ListFile list = quietly(c);
        assertNotNull(list);
        assertEquals("ftm-NK-a", list.entities().get(0).entityId());
        assertEquals(java.time.Instant.parse("2024-06-01T00:00:00Z"),
                list.entities().get(0).restrictions().get(0).effectiveFrom());
    }

    private static dev.interdict.lists.ListFile quietly(LoadListCommand c) throws IOException {
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return c.check();
        } finally {
            System.setErr(oldErr);
        }
    }
}
