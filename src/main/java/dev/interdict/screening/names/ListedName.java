package dev.interdict.screening.names;

/**
 * One listed name or alias as the index holds it: prepared once when the entity is put.
 *
 * @param id    a small number, unique in the index, by which candidate selection adds up weights without a map
 * @param order a key of content alone for candidates tied at selection's cut: fewer words first, then a hash of
 *              entity id and name (equal keys are told apart by the strings)
 */
record ListedName(int id, String entityId, String name, NameKind kind, PreparedName prepared, long order) {
    ListedName(int id, String entityId, String name, NameKind kind, PreparedName prepared) {
        this(id, entityId, name, kind, prepared, order(entityId, name, prepared));
    }

    private static long order(String entityId, String name, PreparedName prepared) {
        long h = ((long) entityId.hashCode() << 32) ^ (name.hashCode() & 0xffffffffL);
        h *= 0x9E3779B97F4A7C15L; // spread both hashes over the bits kept
        h ^= h >>> 29;
        return ((long) Math.min(prepared.words.length, 127) << 56) | (h >>> 8);
    }
}
