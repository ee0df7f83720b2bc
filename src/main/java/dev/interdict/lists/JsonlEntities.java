package dev.interdict.lists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interdict.contract.ContractException;
import dev.interdict.contract.JsonContract;
import dev.interdict.contract.JsonLines;
import dev.interdict.contract.Rejection;
import dev.interdict.screening.RestrictedEntity;

import java.io.BufferedReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads restricted entities in the contract's JSON Lines form; bad lines are reported, never fatal. An entityId on
 * more than one line rejects all of them (see {@link Listed#unique}).
 */
public final class JsonlEntities {
    private JsonlEntities() {
    }

    public static List<RestrictedEntity> read(BufferedReader in, String sourceName, Consumer<Rejection> rejected) {
        List<Listed> out = new ArrayList<>();
        JsonLines.forEach(in, line -> add(line, sourceName, out, rejected));
        return Listed.unique(out, sourceName, rejected);
    }

    /** As {@link #read(BufferedReader, String, Consumer)}, from UTF-8 bytes: a line that is not UTF-8 is rejected. */
    public static List<RestrictedEntity> read(InputStream in, String sourceName, Consumer<Rejection> rejected) {
        List<Listed> out = new ArrayList<>();
        JsonLines.forEach(in, line -> add(line, sourceName, out, rejected));
        return Listed.unique(out, sourceName, rejected);
    }

    private static void add(JsonLines.Line line, String sourceName, List<Listed> out, Consumer<Rejection> rejected) {
        if (!line.decoded()) {
            rejected.accept(new Rejection(sourceName, line.number(), line.error()));
            return;
        }
        JsonNode n = null;
        try {
            n = JsonContract.parse(line.text());
            out.add(new Listed(line.number(), JsonContract.entity(n)));
        } catch (ContractException | IllegalArgumentException e) {
            String id = n != null && n.path("entityId").isTextual() ? n.get("entityId").asText() : null;
            rejected.accept(new Rejection(sourceName, line.number(), e.getMessage(), id));
        }
    }
}
