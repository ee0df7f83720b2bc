package dev.interdict.screening;

/** The kinds of event Interdict screens, with the activity each one performs. */
public enum EventType {
    PURCHASE_ORDER("purchase_order", Activity.PURCHASE),
    LICENSE_RENEWAL("license_renewal", Activity.LICENSE_RENEWAL);

    private final String wireName;
    private final Activity activity;

    EventType(String wireName, Activity activity) {
        this.wireName = wireName;
        this.activity = activity;
    }

    /** The name used in the contract's {@code type} / {@code eventType} fields. */
    public String wireName() {
        return wireName;
    }

    public Activity activity() {
        return activity;
    }

    public static EventType fromWireName(String name) {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + name + "' (expected purchase_order or license_renewal)");
    }
}
