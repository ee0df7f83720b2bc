package dev.interdict.demo;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.Party;
import dev.interdict.avro.Product;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.PurchaseOrderLine;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic sample events around the Kaspersky dates: purchase orders around the 2024-07-20 sales ban and licence
 * renewals around the 2024-09-29 renewal ban, from Kaspersky, resellers and unrelated vendors. Same seed, same events.
 */
public final class DemoEvents {
    static final Instant SALES_BAN = Instant.parse("2024-07-20T04:00:00Z");
    static final Instant RENEWAL_BAN = Instant.parse("2024-09-29T04:00:00Z");

    private static final String[] CLEAN_VENDORS = {"Microsoft Corporation", "CrowdStrike, Inc.", "Sophos Ltd",
        "ESET, spol. s r.o.", "Trend Micro Incorporated", "Palo Alto Networks, Inc.", "Fortinet, Inc.",
        "Bitdefender SRL", "Adobe Inc.", "Atlassian Pty Ltd", "Cisco Systems, Inc.", "Dell Technologies Inc."};
    private static final String[] CLEAN_MAKERS = {"Microsoft", "CrowdStrike", "Sophos", "ESET", "Trend Micro",
        "Palo Alto Networks", "Fortinet", "Bitdefender", "Adobe", "Atlassian", "Cisco", "Dell"};
    private static final String[] RESELLERS = {"CDW Government LLC", "SHI International Corp", "Insight Direct USA, Inc.",
        "Softchoice Corporation", "Connection Public Sector Solutions"};
    private static final String[] KASPERSKY_NAMES = {"Kaspersky Lab, Inc.", "AO Kaspersky Lab", "KASPERSKY LABS LTD",
        "Kasperski Lab Inc", "Kaspersky Lab Incorporated",
        "Kaspersky Labs Limited", "OOO Kaspersky Group"};
    private static final String[] KASPERSKY_PRODUCTS = {"Kaspersky Endpoint Security for Business",
        "Kaspersky Small Office Security", "Kaspersky Total Security", "Kaspersky Anti-Virus"};
    private static final String[] BUYERS = {"Acme Corp US", "Globex Manufacturing", "Initech Services", "Umbrella Health"};

    private DemoEvents() {
    }

    /** {@code count} events, half orders and half renewals, about one in twelve involving Kaspersky. */
    public static List<SpecificRecord> generate(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SpecificRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean kaspersky = rnd.nextInt(12) == 0;
            out.add(i % 2 == 0 ? order(i, rnd, kaspersky) : renewal(i, rnd, kaspersky));
        }
        return out;
    }

    private static Instant around(Instant pivot, SplittableRandom rnd) {
        return pivot.plus(Duration.ofMinutes(rnd.nextLong(-20L * 24 * 60, 20L * 24 * 60)));
    }

    private static String pick(String[] a, SplittableRandom rnd) {
        return a[rnd.nextInt(a.length)];
    }

    private static PurchaseOrder order(int i, SplittableRandom rnd, boolean kaspersky) {
        int v = rnd.nextInt(CLEAN_VENDORS.length);
        String supplier = kaspersky && rnd.nextBoolean() ? pick(KASPERSKY_NAMES, rnd)
                : kaspersky ? pick(RESELLERS, rnd) : CLEAN_VENDORS[v];
        String maker = kaspersky ? "Kaspersky" : CLEAN_MAKERS[v];
        int qty = 1 + rnd.nextInt(50);
        return PurchaseOrder.newBuilder()
                .setEventId(String.format(Locale.ROOT, "demo-po-%05d", i))
                .setPoNumber(String.format(Locale.ROOT, "45000%05d", i))
                .setOrderedAt(around(SALES_BAN, rnd))
                .setBuyer(Party.newBuilder().setId("1000").setName(pick(BUYERS, rnd)).build())
                .setSupplier(Party.newBuilder().setId("V-" + (20000 + v)).setName(supplier).build())
                .setLines(List.of(PurchaseOrderLine.newBuilder().setLineNumber(1)
                        .setSku("SKU-" + (1000 + rnd.nextInt(9000)))
                        .setDescription(kaspersky ? pick(KASPERSKY_PRODUCTS, rnd) : "Software subscription")
                        .setManufacturer(maker).setQuantity(String.valueOf(qty))
                        .setUnitPrice(String.format(Locale.ROOT, "%d.00", 50 + rnd.nextInt(5000))).build()))
                .setCurrency("USD").setSourceSystem("SAP S/4HANA")
                .build();
    }

    private static LicenseRenewal renewal(int i, SplittableRandom rnd, boolean kaspersky) {
        int v = rnd.nextInt(CLEAN_VENDORS.length);
        Instant at = around(RENEWAL_BAN, rnd);
        LocalDate start = at.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        String vendor = kaspersky && rnd.nextBoolean() ? pick(KASPERSKY_NAMES, rnd)
                : kaspersky ? pick(RESELLERS, rnd) : CLEAN_VENDORS[v];
        return LicenseRenewal.newBuilder()
                .setEventId(String.format(Locale.ROOT, "demo-lr-%05d", i))
                .setLicenseId("LIC-" + (100 + rnd.nextInt(900)))
                .setRenewedAt(at)
                .setVendor(Party.newBuilder().setId("V-" + (20000 + v)).setName(vendor).build())
                .setProduct(Product.newBuilder()
                        .setName(kaspersky ? pick(KASPERSKY_PRODUCTS, rnd) : CLEAN_MAKERS[v] + " Enterprise Suite")
                        .setPublisher(kaspersky ? "Kaspersky" : CLEAN_MAKERS[v]).build())
                .setTermStart(start).setTermEnd(start.plusYears(1).minusDays(1))
                .setSeats(10 + rnd.nextInt(990))
                .setAmount(String.format(Locale.ROOT, "%d.00", 500 + rnd.nextInt(50_000)))
                .setCurrency("USD").setSourceSystem("Coupa")
                .build();
    }
}
