package dev.interdict.bench;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.Party;
import dev.interdict.avro.Product;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.PurchaseOrderLine;
import dev.interdict.screening.RestrictedEntity;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark events: purchase orders and licence renewals half and half, from a pool of a few thousand synthetic
 * vendors and makers (ERP streams repeat their vendors), with about 5 % naming a listed party.
 */
final class BenchEvents {
    private static final String[] A = {"Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Adatum",
        "Proseware", "Lucerne", "Margie", "Trey", "Fourth", "Alpine", "Coho", "Humongous", "Graphic", "Blue", "Wide",
        "Southridge", "Woodgrove", "Relecloud", "VanArsdel", "Lamna", "Munson", "Liberty", "Datum", "Bellows", "Baldwin"};
    private static final String[] B = {"Systems", "Supply", "Industries", "Software", "Electronics", "Logistics",
        "Partners", "Traders", "Components", "Networks", "Labs", "Devices", "Solutions", "Instruments", "Foods"};
    private static final String[] FORMS = {"Inc.", "LLC", "Ltd", "GmbH", "Corp.", "S.A.", "B.V.", "Co."};

    private final List<String> vendors = new ArrayList<>();
    private final List<String> listed = new ArrayList<>();
    private final SplittableRandom rnd;

    BenchEvents(List<RestrictedEntity> list, long seed) {
        rnd = new SplittableRandom(seed);
        for (String a : A) {
            for (String b : B) {
                for (String f : FORMS) {
                    vendors.add(a + " " + b + " " + f);
                }
            }
        }
        for (RestrictedEntity e : list) {
            listed.add(e.name());
        }
    }

    SpecificRecord next(long i) {
        boolean hit = rnd.nextInt(100) < 5;
        String party = hit ? listed.get(rnd.nextInt(listed.size())) : vendors.get(rnd.nextInt(vendors.size()));
        String maker = vendors.get(rnd.nextInt(vendors.size())).split(" ")[0];
        Instant t = Instant.parse("2024-06-01T00:00:00Z").plusSeconds(rnd.nextLong(200L * 24 * 3600));
        return event(i, String.format(Locale.ROOT, "bench-%09d", i), party, maker, t);
    }

    /** A party drawn as {@link #next} draws it: about 5 % a listed name, else one of the synthetic vendors. */
    String party() {
        return rnd.nextInt(100) < 5 ? listed.get(rnd.nextInt(listed.size())) : vendors.get(rnd.nextInt(vendors.size()));
    }

    /** A manufacturer or publisher: the first word of a synthetic vendor (28 of them). */
    String maker() {
        return vendors.get(rnd.nextInt(vendors.size())).split(" ")[0];
    }

    /**
     * One event with the given id, supplier or vendor, manufacturer or publisher and time: a purchase order for even
     * {@code i}, a licence renewal for odd.
     */
    static SpecificRecord event(long i, String id, String party, String maker, Instant t) {
        if ((i & 1) == 0) {
            return PurchaseOrder.newBuilder().setEventId(id).setPoNumber("PO" + i).setOrderedAt(t)
                    .setBuyer(Party.newBuilder().setName("Acme Corp US").build())
                    .setSupplier(Party.newBuilder().setName(party).build())
                    .setLines(List.of(PurchaseOrderLine.newBuilder().setLineNumber(1).setDescription("Item")
                            .setManufacturer(maker).setQuantity("1").setUnitPrice("10.00").build()))
                    .setCurrency("USD").build();
        }
        LocalDate start = LocalDate.of(2024, 10, 1);
        return LicenseRenewal.newBuilder().setEventId(id).setLicenseId("L" + i).setRenewedAt(t)
                .setVendor(Party.newBuilder().setName(party).build())
                .setProduct(Product.newBuilder().setName(maker + " Suite").setPublisher(maker).build())
                .setTermStart(start).setTermEnd(start.plusYears(1)).setSeats(10).setAmount("100.00").setCurrency("USD")
                .build();
    }
}
