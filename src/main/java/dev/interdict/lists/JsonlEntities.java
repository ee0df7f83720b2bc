package dev.interdict.lists;

import dev.interdict.contract.ContractException;
import dev.interdict.contract.JsonContract;
import dev.interdict.contract.JsonLines;
import dev.interdict.contract.Rejection;
import dev.interdict.screening.RestrictedEntity;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads restricted entities in the contract's JSON Lines form; bad lines are reported, never fatal. */
public final class JsonlEntities {
    private JsonlEntities() {
    }

    public static List<RestrictedEntity> read(BufferedReader in, String sourceName, Consumer<Rejection> rejected) {
        List<RestrictedEntity> out = new ArrayList<>();
        JsonLines.forEach(in, line -> {
            try {
                out.add(JsonContract.entity(JsonContract.parse(line.text())));
            } catch (ContractException | IllegalArgumentException e) {
                rejected.accept(new Rejection(sourceName, line.number(), e.getMessage()));
            }
        });
        return out;
    }
}
