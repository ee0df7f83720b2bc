package dev.interdict.lists;

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
        JsonLines.forEachObject(in, sourceName, rejected,
                n -> n.path("entityId").isTextual() ? n.get("entityId").asText() : null,
                (n, line) -> out.add(new Listed(line, JsonContract.entity(n))));
        return Listed.unique(out, sourceName, rejected);
    }

    /** As {@link #read(BufferedReader, String, Consumer)}, from UTF-8 bytes: a line that is not UTF-8 is rejected. */
    public static List<RestrictedEntity> read(InputStream in, String sourceName, Consumer<Rejection> rejected) {
        List<Listed> out = new ArrayList<>();
        JsonLines.forEachObject(in, sourceName, rejected,
                n -> n.path("entityId").isTextual() ? n.get("entityId").asText() : null,
                (n, line) -> out.add(new Listed(line, JsonContract.entity(n))));
        return Listed.unique(out, sourceName, rejected);
    }
}
