package dev.interdict.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A listed party with its names and dated restrictions. */
public record RestrictedEntity(
        String entityId,
        String name,
        List<String> aliases,
        List<String> brands,
        String country,
        String source,
        String citation,
        List<Restriction> restrictions) {

    public RestrictedEntity {
        requireText(entityId, "entityId");
        requireText(name, "name");
        requireText(source, "source");
        requireText(citation, "citation");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        brands = brands == null ? List.of() : List.copyOf(brands);
        Objects.requireNonNull(restrictions, "restrictions");
        if (restrictions.isEmpty()) {
            throw new IllegalArgumentException("restrictions: entity " + entityId + " has no restriction");
        }
        restrictions = List.copyOf(restrictions);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required, missing or blank");
        }
    }

    /** Primary name first, then the aliases. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>(1 + aliases.size());
        names.add(name);
        names.addAll(aliases);
        return names;
    }
}
