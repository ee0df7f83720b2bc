package dev.interdict.screening.names;

/**
 * One listed name or alias as the index holds it: prepared once when the entity is put.
 *
 * @param id a small number, unique in the index, by which candidate selection adds up weights without a map
 */
record ListedName(int id, String entityId, String name, NameKind kind, PreparedName prepared) {
}
