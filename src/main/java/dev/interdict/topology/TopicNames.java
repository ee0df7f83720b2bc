package dev.interdict.topology;

import java.util.List;
import java.util.Objects;

/** The topics Interdict reads and writes; every name is configurable. */
public record TopicNames(
        String purchaseOrders,
        String licenseRenewals,
        String restrictedEntities,
        String decisions,
        String alerts,
        String deadLetters) {

    public static final TopicNames DEFAULTS = new TopicNames("interdict.purchase-orders",
            "interdict.license-renewals", "interdict.restricted-entities", "interdict.decisions", "interdict.alerts",
            "interdict.dlq");

    public TopicNames {
        Objects.requireNonNull(purchaseOrders);
        Objects.requireNonNull(licenseRenewals);
        Objects.requireNonNull(restrictedEntities);
        Objects.requireNonNull(decisions);
        Objects.requireNonNull(alerts);
        Objects.requireNonNull(deadLetters);
    }

    public List<String> all() {
        return List.of(purchaseOrders, licenseRenewals, restrictedEntities, decisions, alerts, deadLetters);
    }
}
