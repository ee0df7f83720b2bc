package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every explanation names the rules that fired (issue #14, item 14): per rule, a pair of invented names whose score
 * carries that rule in its bitmask and names it in its explanation.
 */
class MatchRulesTest {
    final NameIndex index = NameIndexes.newIndex(MatcherConfig.DEFAULT);

    NameScore fires(MatchRule rule, String a, String b) {
        NameScore s = index.score(a, b);
        assertTrue(s.fired(rule), () -> rule + " did not fire: " + a + " | " + b + ": " + s);
        assertTrue(s.explanation().contains("rules: ") && s.explanation().substring(s.explanation()
                .lastIndexOf("rules: ")).contains(rule.name()), () -> "explanation does not name " + rule + ": " + s);
        return s;
    }

    @Test
    void eachMechanismOfTheIssueIsNamedWhenItFires() {
        fires(MatchRule.INITIALS, "KMW", "Kestrel Marine Works");
        fires(MatchRule.NUMBER_WORDS, "Depot Forty-Two", "Depot 42");
        fires(MatchRule.NUMBER_WORDS, "Mill No. 7", "Mill Number Seven");
        fires(MatchRule.ABBREVIATION, "Meridian Intl Logistics", "Meridian International Logistics");
        fires(MatchRule.ABBREVIATION, "Tarvik Petrochem. Supply", "Tarvik Petrochemical Supply");
        fires(MatchRule.WORD_ORDER, "Bank Meridian Ostravan", "Meridian Ostravan Bank");
        fires(MatchRule.LEGAL_FORM, "Kovalin Osakeyhtiö", "Kovalin Oy");
        fires(MatchRule.LEGAL_FORM, "Brenova Trading Limitted", "Brenova Trading Ltd");
        fires(MatchRule.LEGAL_FORM, "Kovalin Oy", "Kovalin GmbH");
        fires(MatchRule.TRUNCATION, "Verkhnevolzhsk Turbine Engineerin", "Verkhnevolzhsk Turbine Engineering Works Open JSC");
        fires(MatchRule.CROSS_SCRIPT, "Завод имени Сомова", "Somov Works");
        fires(MatchRule.CROSS_SCRIPT, "Северный Полюс", "Severny Polyus");
        fires(MatchRule.EXTRA_WORD_CAP, "Veltrona Marine Shipping", "Veltrona Shipping");
        fires(MatchRule.REGION_CAP, "Veltrona", "Veltrona Asia Pte Ltd");
        fires(MatchRule.SPACING, "Velt rona Shipping", "Veltrona Shipping");
        fires(MatchRule.SPACING, "veltrona.ru", "Veltrona");
        fires(MatchRule.SPACING, "V E L T R O N A", "Veltrona");
        fires(MatchRule.CONFUSABLES, "V\u0435ltr\u043en\u0430 Shipping", "Veltrona Shipping");
        fires(MatchRule.CONFUSABLES, "Vel\u200btrona Shipping", "Veltrona Shipping");
        fires(MatchRule.VENDOR_NOISE, "Veltrona Shipping Ltd (Vendor 40511)", "Veltrona Shipping Ltd");
        fires(MatchRule.VENDOR_NOISE, "Harbor Agents Inc DBA Veltrona Shipping", "Veltrona Shipping");
        fires(MatchRule.BARE_NAME, "Zorvanex", "Zorvanex Lab GmbH");
        fires(MatchRule.SPELLING_VARIANT, "Zhelvinsky Trading", "Jelvinskiy Trading");
        fires(MatchRule.TYPO, "Veltrana Shipping", "Veltrona Shipping");
    }

    @Test
    void aPlainMatchNamesNoRuleAndRulesDoNotFireWithoutCause() {
        NameScore s = index.score("Veltrona Shipping Ltd", "VELTRONA SHIPPING LTD");
        assertEquals(MatchLevel.MATCH, s.level());
        assertEquals(0, s.rules(), s::toString);
        assertTrue(s.explanation().endsWith("rules: none"), s::toString);
        Set<MatchRule> rules = index.score("Meridian Ostravan Bank", "Meridian Ostravan Bank Ltd").ruleSet();
        assertFalse(rules.contains(MatchRule.WORD_ORDER) || rules.contains(MatchRule.TYPO)
                || rules.contains(MatchRule.CONFUSABLES), rules::toString);
        assertFalse(index.score("Meridian Intl Logistics", "Meridian Intl Logistics").fired(MatchRule.ABBREVIATION),
                "the same text on both sides: nothing was rewritten to meet");
    }

    @Test
    void screeningHitsCarryTheirRulesToo() {
        index.put("z", List.of("Zorvanex Lab GmbH"), List.of("Quorvix"));
        NameHit party = index.matchParty("Zorvanex").get(0);
        assertTrue(party.score().fired(MatchRule.BARE_NAME), party::toString);
        assertTrue(party.score().explanation().contains("BARE_NAME"), party::toString);
        NameHit noisy = index.matchParty("Zorvanex Lab GmbH (Vendor 7)").stream()
                .filter(h -> h.score().fired(MatchRule.VENDOR_NOISE)).findFirst().orElseThrow();
        assertEquals(MatchLevel.MATCH, noisy.score().level(), noisy::toString);
        NameHit brand = index.matchBrands("Quorvix Endpoint Guard").get(0);
        assertEquals(EnumSet.of(MatchRule.BRAND), brand.score().ruleSet());
        assertTrue(brand.score().explanation().endsWith("rules: BRAND"), brand::toString);
    }

    @Test
    void ruleMasksRoundTrip() {
        int mask = MatchRule.INITIALS.bit() | MatchRule.DESCRIPTION.bit();
        assertEquals(EnumSet.of(MatchRule.INITIALS, MatchRule.DESCRIPTION), MatchRule.of(mask));
        assertEquals("INITIALS, DESCRIPTION", MatchRule.names(mask));
        assertEquals("none", MatchRule.names(0));
        assertTrue(MatchRule.values().length <= 31, "the rules fit an int mask");
    }
}
