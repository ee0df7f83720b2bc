package dev.interdict.lists;

import dev.interdict.contract.Printable;
import dev.interdict.contract.Rejection;
import dev.interdict.screening.RestrictedEntity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** An entity read from a list file, with the line (or first line of the CSV row) it was read from. */
record Listed(long line, RestrictedEntity entity) {

    /**
     * The entities whose entityId is on one line only. An entityId on two or more lines is an error of the list (no
     * format Interdict reads repeats an id: the contract's key, CSL's {@code _id}, OFAC's {@code ent_num}): every such
     * line is rejected, naming the other lines, and none of them is used; taking one would be a guess at which is right.
     */
    static List<RestrictedEntity> unique(List<Listed> all, String source, Consumer<Rejection> rejected) {
        Map<String, List<Listed>> byId = new LinkedHashMap<>();
        for (Listed l : all) {
            byId.computeIfAbsent(l.entity().entityId(), k -> new ArrayList<>(1)).add(l);
        }
        List<RestrictedEntity> out = new ArrayList<>(all.size());
        List<Rejection> duplicates = new ArrayList<>();
        for (Listed l : all) {
            List<Listed> same = byId.get(l.entity().entityId());
            if (same.size() == 1) {
                out.add(l.entity());
                continue;
            }
            List<String> others = same.stream().filter(o -> o != l).map(o -> source + ":" + o.line()).toList();
            duplicates.add(new Rejection(source, l.line(), "entityId " + Printable.quote(l.entity().entityId())
                    + " is also on " + String.join(" and ", others)
                    + "; an entityId must be unique, so none of its entries is used", l.entity().entityId()));
        }
        duplicates.forEach(rejected);
        return out;
    }
}
