package dev.interdict.lists;

import dev.interdict.contract.Printable;
import dev.interdict.contract.Rejection;
import dev.interdict.screening.RestrictedEntity;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A list file read and checked, before anything is screened against it or published: its valid entities and its
 * rejected rows. A list with rejected rows is a list with entities missing; the commands refuse to use it unless told
 * to ({@code --allow-partial-list}).
 */
public record ListFile(String source, List<RestrictedEntity> entities, List<Rejection> rejections) {
    private static final int SUMMARY_IDS = 20;

    public ListFile {
        entities = List.copyOf(entities);
        rejections = List.copyOf(rejections);
    }

    public static ListFile read(ListFormat format, InputStream in, String source) throws IOException {
        List<Rejection> rejected = new ArrayList<>();
        List<RestrictedEntity> entities = format.read(in, source, rejected::add);
        return new ListFile(source, entities, rejected);
    }

    public boolean complete() {
        return rejections.isEmpty();
    }

    /**
     * One line for stderr: {@code 3 entities rejected: "e2" (line 2), "kasp" (lines 4, 9)}, rows without a readable
     * id as {@code (no entityId) (line 7)}; the first 20 ids, then how many more. Ids are escaped ({@link Printable}).
     */
    public String rejectedSummary() {
        Map<String, List<Long>> byId = new LinkedHashMap<>();
        for (Rejection r : rejections) {
            String key = r.recordId() == null ? "(no entityId)#" + r.line() : "id:" + r.recordId();
            byId.computeIfAbsent(key, k -> new ArrayList<>()).add(r.line());
        }
        List<String> parts = new ArrayList<>();
        for (var e : byId.entrySet()) {
            if (parts.size() == SUMMARY_IDS) {
                parts.add("... and " + (byId.size() - SUMMARY_IDS) + " more");
                break;
            }
            String id = e.getKey().startsWith("id:") ? Printable.quote(e.getKey().substring(3)) : "(no entityId)";
            List<Long> lines = e.getValue();
            parts.add(id + (lines.size() == 1 ? " (line " + lines.get(0) + ")"
                    : " (lines " + lines.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"));
        }
        return rejections.size() + (rejections.size() == 1 ? " entity" : " entities") + " rejected in "
                + Printable.escape(source) + ": " + String.join(", ", parts);
    }
}
