package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrandIndexTest {
    @Test
    void aBrandIsFoundAsWholeWordsAnywhereInATextAndNotInsideAnotherWord() {
        BrandIndex brands = new BrandIndex();
        brands.add("e1", List.of("Sky Lantern"));
        assertEquals(List.of("e1"), brands.find("Renewal: SKY LANTERN Pro 2024").stream().map(NameHit::entityId).toList());
        assertTrue(brands.find("Skylantern").isEmpty());
        assertTrue(brands.find("Sky blue lantern").isEmpty());
    }

    @Test
    void removingAnEntityRemovesOnlyItsBrands() {
        BrandIndex brands = new BrandIndex();
        List<BrandIndex.Brand> filed = brands.add("e1", List.of("Orbix"));
        brands.add("e2", List.of("Orbix Cloud"));
        brands.remove("e1", filed);
        assertEquals(List.of("e2"), brands.find("orbix cloud").stream().map(NameHit::entityId).toList());
    }
}
