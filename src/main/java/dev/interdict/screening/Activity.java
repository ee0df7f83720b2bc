package dev.interdict.screening;

/** What a restriction forbids, and what an event does. */
public enum Activity {
    PURCHASE, LICENSE_RENEWAL, ANY;

    /** True when a restriction on this activity forbids an event doing {@code eventActivity}. */
    public boolean covers(Activity eventActivity) {
        return this == ANY || this == eventActivity;
    }
}
