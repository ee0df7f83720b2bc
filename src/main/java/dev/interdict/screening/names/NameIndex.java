package dev.interdict.screening.names;

import java.util.Collection;
import java.util.List;

/**
 * Finds the listed names that match a name from an event, without scanning the whole list.
 *
 * <p>Thread safety: one writer ({@link #put}/{@link #remove}) and any number of concurrent readers.
 */
public interface NameIndex {

    /** Adds or replaces every name of one entity. {@code names} = primary name first, then aliases. */
    void put(String entityId, List<String> names, Collection<String> brands);

    /** Removes every name of one entity; unknown ids are ignored. */
    void remove(String entityId);

    /** Listed names and aliases that match a party name (supplier, vendor, manufacturer, publisher). */
    List<NameHit> matchParty(String text);

    /**
     * Brands that occur as whole words in a text (manufacturer, publisher, product name): MATCH; or as the start of a
     * longer word ({@code ZorvanexOS}; a distinctive brand, the rest not an English ending): REVIEW.
     */
    List<NameHit> matchBrands(String text);

    /**
     * Listed names and brands in a free-text description (its first
     * {@value TextNormalizer#MAX_DESCRIPTION_CHARS} characters), by a token scan: a whole listed name is a MATCH; a
     * name's distinctive words, a brand as whole words, or a brand as the start of a word are REVIEW at most.
     */
    List<NameHit> matchDescription(String text);

    /**
     * A test of party names against a few entities (a retro-screening job's changed entities): true for a text iff
     * {@link #matchParty} of it has a hit (REVIEW or MATCH) for one of {@code entityIds}, against the list as it is when
     * the test runs. An index may answer it more cheaply than {@link #matchParty} does.
     */
    default java.util.function.Predicate<String> partyProbe(java.util.Set<String> entityIds) {
        return text -> NameHit.anyFor(matchParty(text), entityIds);
    }

    /** Scores two names with the same rules (and list statistics) the index uses. */
    NameScore score(String query, String candidate);

    /** Number of entities indexed. */
    int size();

    /** Number of names and aliases indexed for one entity (0 for an unknown id). */
    int nameCount(String entityId);
}
