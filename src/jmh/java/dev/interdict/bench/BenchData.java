package dev.interdict.bench;

import dev.interdict.contract.Rejection;
import dev.interdict.lists.ListFormat;
import dev.interdict.screening.EventType;
import dev.interdict.screening.NameField;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.ScreeningEvent;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The full OFAC SDN list plus the Kaspersky entries, and a mix of typical events. */
final class BenchData {
    private BenchData() {
    }

    static List<RestrictedEntity> fullList() throws Exception {
        List<RestrictedEntity> list = new ArrayList<>(read(ListFormat.OFAC_SDN, "../shared/data/ofac-sdn-2024-05-03.csv"));
        list.addAll(read(ListFormat.JSONL, "../shared/data/sample-entities.jsonl"));
        return list;
    }

    static List<RestrictedEntity> read(ListFormat f, String file) throws Exception {
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new IllegalStateException(p.toAbsolutePath().normalize() + " is absent: run from the project root with ../shared beside it");
        }
        List<Rejection> rejected = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(p)) {
            return f.read(in, file, rejected::add);
        }
    }

    /** Typical events: mostly clean suppliers and makers, some listed names, typos and Kaspersky products. */
    static List<ScreeningEvent> events() {
        return events(false);
    }

    /** Line descriptions of purchase orders, one per order in turn: catalogue text, one naming a listed brand. */
    private static final String[] DESCRIPTIONS = {
        "Annual subscription, 250 seats, standard support", "Nitrile gloves, size L, box of 100",
        "Kaspersky Endpoint Security for Business Select, 100 nodes", "Laptop docking station USB-C 90W",
        "Safety helmet, white, EN 397", "Office chairs, ergonomic, mesh back, qty 12",
    };

    /** As {@link #events()}; with {@code descriptions}, each purchase-order line has a description too. */
    static List<ScreeningEvent> events(boolean descriptions) {
        String[][] orders = {
            {"Microsoft Corporation", "Microsoft"}, {"CDW Government LLC", "Kaspersky"},
            {"Dell Technologies Inc.", "Dell"}, {"BANCO NACIONAL DE CUBA", "Unknown Maker"},
            {"Insight Direct USA, Inc.", "Cisco"}, {"Kasperski Lab Inc", "Kaspersky"},
            {"Acme Industrial Supply Co", "3M"}, {"AEROCARRIBEAN AIRLINES", "Boeing"},
            {"Grainger Industrial Supply", "Honeywell"}, {"SHI International Corp", "Adobe"},
            {"Northwind Traders Ltd", "Contoso"}, {"Rosneft Trading SA", "Siemens"},
        };
        List<ScreeningEvent> out = new ArrayList<>();
        Instant t = Instant.parse("2024-08-01T12:00:00Z");
        for (int i = 0; i < orders.length; i++) {
            List<NameField> po = new ArrayList<>(List.of(
                    new NameField("supplier.name", orders[i][0], NameField.Role.PARTY),
                    new NameField("lines[0].manufacturer", orders[i][1], NameField.Role.PARTY_AND_BRAND)));
            if (descriptions) {
                po.add(new NameField("lines[0].description", DESCRIPTIONS[i % DESCRIPTIONS.length],
                        NameField.Role.DESCRIPTION));
            }
            out.add(new ScreeningEvent("po-" + i, EventType.PURCHASE_ORDER, t, po));
            out.add(new ScreeningEvent("lr-" + i, EventType.LICENSE_RENEWAL, t, List.of(
                    new NameField("vendor.name", orders[i][0], NameField.Role.PARTY),
                    new NameField("product.publisher", orders[i][1], NameField.Role.PARTY_AND_BRAND),
                    new NameField("product.name", orders[i][1] + " Enterprise Suite", NameField.Role.BRAND))));
        }
        return out;
    }
}
