package dev.interdict.screening.names;

/**
 * One listed name that matched a text from an event.
 *
 * @param entityId    the restricted entity the name belongs to
 * @param matchedName the listed name, alias or brand as it is on the list
 * @param kind        whether it is the primary name, an alias or a brand
 * @param score       the similarity (level MATCH or REVIEW; NO_MATCH is never returned)
 */
public record NameHit(String entityId, String matchedName, NameKind kind, NameScore score) {
    /** Whether one of the hits (REVIEW or MATCH) is for one of these entities. */
    public static boolean anyFor(java.util.List<NameHit> hits, java.util.Set<String> entityIds) {
        for (NameHit hit : hits) {
            if (hit.score().level() != MatchLevel.NO_MATCH && entityIds.contains(hit.entityId())) {
                return true;
            }
        }
        return false;
    }
}
