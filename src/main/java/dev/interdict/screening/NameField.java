package dev.interdict.screening;

/**
 * A text of an event that is screened.
 *
 * @param path  where it is in the event, e.g. {@code supplier.name}, {@code lines[0].manufacturer}
 * @param value the text as it is in the event
 * @param role  what it is matched against
 */
public record NameField(String path, String value, Role role) {

    /** What a field is matched against. */
    public enum Role {
        /** A party name (supplier, vendor): matched against entity names and aliases. */
        PARTY,
        /** A maker's name (manufacturer, publisher): names, aliases and brands. */
        PARTY_AND_BRAND,
        /** A product name: brands as whole words (or as the start of a word: review). */
        BRAND,
        /**
         * A free-text description (a purchase-order line's): scanned for listed names and brands; REVIEW at most
         * unless a whole listed name is in it. Added last: stored texts keep their role's number.
         */
        DESCRIPTION;

        boolean matchesNames() {
            return this == PARTY || this == PARTY_AND_BRAND;
        }

        boolean matchesBrands() {
            return this == BRAND || this == PARTY_AND_BRAND;
        }

        boolean matchesDescription() {
            return this == DESCRIPTION;
        }
    }
}
