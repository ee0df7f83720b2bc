package dev.interdict.screening.names;

/** Which kind of listed name a hit matched. */
public enum NameKind {
    NAME, ALIAS, BRAND
}
