package dev.interdict.bench;

import dev.interdict.screening.Activity;
import dev.interdict.screening.EventType;
import dev.interdict.screening.NameField;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;
import dev.interdict.screening.ScreeningEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic list of restricted entities of any size, for scale benchmarks: for one seed, the same list every
 * time. About two names per entity (a primary name and 0 to 3 aliases, one on average), companies (60 %) and people
 * (40 %), in Latin (55 %), Cyrillic (20 %), Arabic (10 %), Chinese (10 %) and Greek (5 %) script, with dated
 * restrictions as in the contract.
 *
 * <p>Words are made of syllables, each word a function of (seed, vocabulary, rank): the same rank gives the same word
 * in Latin, Cyrillic and Greek letters (so a Cyrillic company can have its Latin transliteration as an alias). Ranks
 * are drawn Zipf-like (log-uniform over a shifted rank): a few words are common (the top company word is in about
 * 0.2 % of company names, the top 100 in about 13 %), most are rare, and the vocabulary grows with the list, as in a
 * real one. Names are distinct (case-insensitively) across the list.
 */
public final class ListGenerator {
    private static final String[] ONSETS = {"b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh",
        "kh", "ch", "zh", "f", "", "st", "tr", "gr", "br", "kr", "dr"};
    private static final String[] ONSETS_CYR = {"б", "д", "г", "к", "л", "м", "н", "п", "р", "с", "т", "в", "з", "ш",
        "х", "ч", "ж", "ф", "", "ст", "тр", "гр", "бр", "кр", "др"};
    private static final String[] ONSETS_GR = {"μπ", "ντ", "γ", "κ", "λ", "μ", "ν", "π", "ρ", "σ", "τ", "β", "ζ", "σ",
        "χ", "τσ", "τζ", "φ", "", "στ", "τρ", "γρ", "βρ", "κρ", "δρ"};
    private static final String[] ONSETS_AR = {"ب", "د", "غ", "ك", "ل", "م", "ن", "ب", "ر", "س", "ت", "و", "ز", "ش",
        "خ", "تش", "ج", "ف", "", "ست", "تر", "غر", "بر", "كر", "در"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "o", "ya"};
    private static final String[] VOWELS_CYR = {"а", "е", "и", "о", "у", "а", "о", "я"};
    private static final String[] VOWELS_GR = {"α", "ε", "ι", "ο", "ου", "α", "ο", "ια"};
    private static final String[] VOWELS_AR = {"ا", "", "ي", "و", "و", "ا", "", "يا"};
    private static final String[] CODAS = {"", "", "", "n", "r", "l", "s", "k", "m", "t"};
    private static final String[] CODAS_CYR = {"", "", "", "н", "р", "л", "с", "к", "м", "т"};
    private static final String[] CODAS_GR = {"", "", "", "ν", "ρ", "λ", "ς", "κ", "μ", "τ"};
    private static final String[] CODAS_AR = {"", "", "", "ن", "ر", "ل", "س", "ك", "م", "ت"};

    /** Scripts, each with its share of the entities (per 100). */
    enum Script {
        LATIN(55), CYRILLIC(20), ARABIC(10), CJK(10), GREEK(5);
        final int share;

        Script(int share) {
            this.share = share;
        }
    }

    // vocabularies: (id, size, shift); a larger shift flattens the head
    private static final int[] COMPANY_WORD = {1, 300_000, 50};
    private static final int[] GIVEN = {2, 4_000, 8};
    private static final int[] FAMILY = {3, 200_000, 30};

    private static final String[] GENERIC = {"Trading", "Industrial", "Holding", "Group", "International",
        "Import Export", "Engineering", "Shipping", "Logistics", "Technologies", "Energy", "Investment",
        "Construction", "Petroleum", "Marine", "Electronics", "Systems", "General Trading", "Development", "Aviation",
        "Metals", "Chemical", "Machinery", "Resources", "Commercial", "Services", "Industries", "Capital"};
    private static final String[] GENERIC_CYR = {"Торговый Дом", "Промышленная Компания", "Холдинг", "Группа",
        "Инжиниринг", "Энерго", "Технологии", "Импорт", "Логистик", "Машиностроительный Завод", "Нефтегаз",
        "Инвест", "Строй", "Металл", "Химпром", "Электроника"};
    private static final String[] GENERIC_AR = {"للتجارة", "للتجارة العامة", "الدولية", "للصناعات", "القابضة",
        "للنفط", "للشحن", "للاستثمار", "للمقاولات", "للتكنولوجيا"};
    private static final String[] GENERIC_GR = {"Εμπορική", "Ναυτιλιακή", "Βιομηχανική", "Όμιλος", "Τεχνική",
        "Επενδυτική", "Ενεργειακή"};
    private static final String[] GENERIC_CJK = {"贸易", "科技", "实业", "工业", "国际", "电子", "能源", "物流",
        "投资", "机械", "化工", "航运"};
    private static final String[] REGION = {"Siberian", "Baltic", "Gulf", "Eurasian", "Caspian", "Far East",
        "Middle East", "Asia Pacific", "Northern", "Volga", "Ural", "Black Sea", "Mediterranean", "Hong Kong",
        "Dubai", "Shenzhen", "Minsk", "Tehran", "Caracas", "Levant"};
    private static final String[] REGION_CYR = {"Сибирский", "Балтийский", "Уральский", "Волжский",
        "Дальневосточный", "Северный", "Каспийский", "Московский"};
    private static final String[] REGION_CJK = {"上海", "北京", "深圳", "香港", "广州", "天津", "大连", "厦门"};
    private static final String[] LEGAL = {"LLC", "Ltd", "Limited", "GmbH", "SA", "S.A.", "SRL", "BV", "AG", "Inc.",
        "Corp.", "JSC", "OOO", "PJSC", "FZE", "FZCO", "Co., Ltd.", "LLP", "PLC", "SARL", "Sp. z o.o.", "AO",
        "S.A. de C.V.", "Pte. Ltd."};
    private static final String[] LEGAL_CYR = {"ООО", "АО", "ОАО", "ЗАО", "ПАО", "НПО", "ФГУП"};
    private static final String[] LEGAL_GR = {"Α.Ε.", "Ε.Π.Ε.", "Ο.Ε.", "Ι.Κ.Ε."};
    private static final String[] CJK_FAMILY = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
    private static final String[] MAKERS = {"Microsoft", "Dell", "Cisco", "Honeywell", "Adobe", "Siemens", "3M",
        "Boeing", "Lenovo", "HP Inc.", "Oracle", "SAP", "Bosch", "Schneider Electric", "Kaspersky"};
    private static final Instant FIRST = Instant.parse("2015-01-01T04:00:00Z");
    private static final long DAY = 86_400L;

    private final long seed;

    public ListGenerator(long seed) {
        this.seed = seed;
    }

    /** {@code n} entities, ids {@code gen-<seed>-<i>}; the same for the same seed and n (a prefix of a longer list). */
    public List<RestrictedEntity> entities(int n) {
        List<RestrictedEntity> out = new ArrayList<>(n);
        Set<String> seen = new HashSet<>(n * 3);
        for (int i = 0; i < n; i++) {
            out.add(entity(i, seen));
        }
        return out;
    }

    private RestrictedEntity entity(int i, Set<String> seen) {
        SplittableRandom r = new SplittableRandom(mix(seed, 0x5EED_0000L + i));
        Script script = script(r);
        boolean person = r.nextInt(100) < 40;
        String name = null;
        for (int attempt = 0; name == null || !seen.add(name.toLowerCase(Locale.ROOT)); attempt++) {
            name = person ? person(r, script) : company(r, script, attempt > 3);
        }
        int aliasCount = pick(r, 35, 35, 25, 5);
        List<String> aliases = new ArrayList<>(aliasCount);
        for (int a = 0; a < aliasCount; a++) {
            for (int attempt = 0; attempt < 4; attempt++) {
                String alias = person ? personAlias(r, script) : companyAlias(r, script);
                if (seen.add(alias.toLowerCase(Locale.ROOT))) {
                    aliases.add(alias);
                    break;
                }
            }
        }
        int restrictions = 1 + pick(r, 70, 30);
        List<Restriction> rs = new ArrayList<>(restrictions);
        Set<Activity> used = new HashSet<>();
        for (int k = 0; k < restrictions; k++) {
            Activity activity = switch (pick(r, 60, 25, 15)) {
                case 0 -> Activity.ANY;
                case 1 -> Activity.PURCHASE;
                default -> Activity.LICENSE_RENEWAL;
            };
            if (!used.add(activity)) {
                continue;
            }
            Instant from = FIRST.plusSeconds(DAY * r.nextInt(11 * 365));
            Instant until = r.nextInt(10) == 0 ? from.plusSeconds(DAY * (365 + r.nextInt(4 * 365))) : null;
            rs.add(new Restriction(activity, from, until));
        }
        String source = switch (pick(r, 70, 20, 10)) {
            case 0 -> "OFAC SDN";
            case 1 -> "BIS Entity List";
            default -> "EU Consolidated List";
        };
        return new RestrictedEntity("gen-" + seed + "-" + i, name, aliases, List.of(), country(r, script), source,
                "GEN-" + seed + "-" + i, rs);
    }

    /** Events to screen: about {@code hitPercent} % name a listed entity (half exactly, half varied), the rest clean. */
    /** The listed entity each event of the last {@link #events} call names on purpose, by event id. */
    private final java.util.Map<String, String> planted = new java.util.HashMap<>();

    /** Event id → entity id of the events of the last {@link #events} call that name a listed entity. */
    public java.util.Map<String, String> planted() {
        return java.util.Map.copyOf(planted);
    }

    public List<ScreeningEvent> events(List<RestrictedEntity> list, int n, int hitPercent) {
        planted.clear();
        SplittableRandom r = new SplittableRandom(mix(seed, 0xE7E7L));
        ListGenerator clean = new ListGenerator(seed * 31 + 17); // other words: vendors that are not listed
        Instant t = Instant.parse("2025-08-01T12:00:00Z");
        List<ScreeningEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String supplier;
            if (r.nextInt(100) < hitPercent) {
                RestrictedEntity e = list.get(r.nextInt(list.size()));
                planted.put("#" + i, e.entityId());
                List<String> names = e.allNames();
                supplier = names.get(r.nextInt(names.size()));
                if (r.nextBoolean()) {
                    supplier = vary(r, supplier);
                }
            } else {
                SplittableRandom cr = new SplittableRandom(mix(clean.seed, i));
                Script s = clean.script(cr);
                supplier = cr.nextInt(100) < 85 ? clean.company(cr, s, false) : clean.person(cr, s);
            }
            String maker = MAKERS[r.nextInt(MAKERS.length)];
            if (r.nextBoolean()) {
                out.add(new ScreeningEvent("po-" + i, EventType.PURCHASE_ORDER, t, List.of(
                        new NameField("supplier.name", supplier, NameField.Role.PARTY),
                        new NameField("lines[0].manufacturer", maker, NameField.Role.PARTY_AND_BRAND))));
            } else {
                out.add(new ScreeningEvent("lr-" + i, EventType.LICENSE_RENEWAL, t, List.of(
                        new NameField("vendor.name", supplier, NameField.Role.PARTY),
                        new NameField("product.publisher", maker, NameField.Role.PARTY_AND_BRAND),
                        new NameField("product.name", maker + " Enterprise Suite", NameField.Role.BRAND))));
            }
            String entityId = planted.remove("#" + i);
            if (entityId != null) {
                planted.put(out.get(out.size() - 1).eventId(), entityId);
            }
        }
        return out;
    }

    /** A name as an ERP may hold it: a typo, upper case, the legal form dropped, or cut at 35 characters. */
    private static String vary(SplittableRandom r, String name) {
        switch (r.nextInt(4)) {
            case 0 -> {
                int at = 1 + r.nextInt(Math.max(1, name.length() - 2));
                if (at < name.length() && Character.isLetter(name.charAt(at))) {
                    return name.substring(0, at) + name.charAt(at) + name.substring(at); // a doubled letter
                }
                return name;
            }
            case 1 -> {
                return name.toUpperCase(Locale.ROOT);
            }
            case 2 -> {
                int sp = name.lastIndexOf(' ');
                return sp > 0 ? name.substring(0, sp) : name;
            }
            default -> {
                return name.length() > 35 ? name.substring(0, 35) : name + " " + "Ltd";
            }
        }
    }

    Script script(SplittableRandom r) {
        int x = r.nextInt(100);
        for (Script s : Script.values()) {
            if (x < s.share) {
                return s;
            }
            x -= s.share;
        }
        return Script.LATIN;
    }

    private String company(SplittableRandom r, Script s, boolean longer) {
        int w1 = rank(r, COMPANY_WORD);
        int w2 = r.nextInt(3) == 0 || longer ? rank(r, COMPANY_WORD) : -1;
        return switch (s) {
            case CJK -> (r.nextInt(3) == 0 ? pickOf(r, REGION_CJK) : "") + cjkWord(w1) + (w2 >= 0 ? cjkWord(w2) : "")
                    + pickOf(r, GENERIC_CJK) + "有限公司";
            case ARABIC -> "شركة " + word(COMPANY_WORD[0], w1, Script.ARABIC)
                    + (w2 >= 0 ? " " + word(COMPANY_WORD[0], w2, Script.ARABIC) : "") + " " + pickOf(r, GENERIC_AR);
            case CYRILLIC -> {
                String core = cap(word(COMPANY_WORD[0], w1, s)) + (w2 >= 0 ? " " + cap(word(COMPANY_WORD[0], w2, s)) : "");
                String region = r.nextInt(5) == 0 ? pickOf(r, REGION_CYR) + " " : "";
                String generic = r.nextInt(2) == 0 ? " " + zipfOf(r, GENERIC_CYR) : "";
                yield zipfOf(r, LEGAL_CYR) + " «" + region + core + generic + "»";
            }
            case GREEK -> cap(word(COMPANY_WORD[0], w1, s)) + (w2 >= 0 ? " " + cap(word(COMPANY_WORD[0], w2, s)) : "")
                    + " " + pickOf(r, GENERIC_GR) + " " + pickOf(r, LEGAL_GR);
            default -> {
                StringBuilder b = new StringBuilder();
                if (r.nextInt(6) == 0) {
                    b.append(pickOf(r, REGION)).append(' ');
                }
                b.append(cap(word(COMPANY_WORD[0], w1, s)));
                if (w2 >= 0) {
                    b.append(' ').append(cap(word(COMPANY_WORD[0], w2, s)));
                }
                int generics = pick(r, 30, 50, 20);
                String previous = null;
                for (int g = 0; g < generics; g++) {
                    String generic = zipfOf(r, GENERIC);
                    if (!generic.equals(previous)) {
                        b.append(' ').append(generic);
                    }
                    previous = generic;
                }
                if (r.nextInt(10) < 8) {
                    b.append(' ').append(zipfOf(r, LEGAL));
                }
                yield b.toString();
            }
        };
    }

    private String companyAlias(SplittableRandom r, Script s) {
        int kind = r.nextInt(3);
        if (kind == 0 || s == Script.LATIN && kind == 1) {
            return company(r, s, false); // formerly / also known as: another name
        }
        // the same kind of name in Latin letters (a transliteration, as lists give them)
        return company(r, Script.LATIN, false);
    }

    private String person(SplittableRandom r, Script s) {
        int given = rank(r, GIVEN);
        int family = rank(r, FAMILY);
        boolean female = r.nextBoolean();
        return switch (s) {
            case CJK -> CJK_FAMILY[Math.min(CJK_FAMILY.length - 1, rank(r, new int[] {9, 20, 2}))] + cjkWord(family % 5_000 + given);
            case ARABIC -> word(GIVEN[0], given, s) + " بن " + word(GIVEN[0], rank(r, GIVEN), s) + " ال"
                    + word(FAMILY[0], family, s);
            case CYRILLIC -> cap(word(GIVEN[0], given, s)) + " " + cap(word(GIVEN[0], rank(r, GIVEN), s))
                    + (female ? "овна " : "ович ") + cap(word(FAMILY[0], family, s))
                    + (female ? pickOf(r, new String[] {"ова", "ева", "ина", "ская"})
                    : pickOf(r, new String[] {"ов", "ев", "ин", "ский", "енко"}));
            case GREEK -> cap(word(GIVEN[0], given, s)) + " " + cap(word(FAMILY[0], family, s))
                    + pickOf(r, new String[] {"ος", "ου", "ης", "ίδης", "άκης"});
            default -> {
                int shape = r.nextInt(4);
                String g = cap(word(GIVEN[0], given, s));
                String f = cap(word(FAMILY[0], family, s));
                yield switch (shape) {
                    case 0 -> g + " " + cap(word(GIVEN[0], rank(r, GIVEN), s)) + (female ? "ovna " : "ovich ") + f
                            + (female ? "ova" : "ov");
                    case 1 -> g + " bin " + cap(word(GIVEN[0], rank(r, GIVEN), s)) + " Al-" + f;
                    case 2 -> g + " " + (char) ('A' + r.nextInt(26)) + ". " + f;
                    default -> g + " " + f;
                };
            }
        };
    }

    private String personAlias(SplittableRandom r, Script s) {
        String p = person(r, r.nextBoolean() ? s : Script.LATIN);
        int sp = p.lastIndexOf(' ');
        return r.nextBoolean() && sp > 0 ? p.substring(sp + 1).toUpperCase(Locale.ROOT) + ", " + p.substring(0, sp) : p;
    }

    private static String country(SplittableRandom r, Script s) {
        String[] c = switch (s) {
            case CYRILLIC -> new String[] {"RU", "RU", "RU", "BY", "KZ"};
            case ARABIC -> new String[] {"IR", "SY", "AE", "IQ", "LB"};
            case CJK -> new String[] {"CN", "CN", "HK"};
            case GREEK -> new String[] {"GR", "CY"};
            default -> new String[] {"RU", "VE", "CU", "TR", "AE", "GB", "DE", "US", "KP", "PA"};
        };
        return pickOf(r, c);
    }

    /** A Zipf-like rank in [0, size): log-uniform over rank + shift. */
    private static int rank(SplittableRandom r, int[] vocabulary) {
        double size = vocabulary[1];
        double shift = vocabulary[2];
        double x = shift * Math.exp(r.nextDouble() * Math.log((size + shift) / shift)) - shift;
        return (int) Math.min(size - 1, Math.max(0, x));
    }

    /** Word {@code rank} of a vocabulary, written in a script (the same syllables in Latin, Cyrillic, Greek, Arabic). */
    String word(int vocabulary, int rank, Script s) {
        SplittableRandom w = new SplittableRandom(mix(seed, ((long) vocabulary << 32) | rank));
        int syllables = 2 + w.nextInt(rank < 1000 ? 2 : 3);
        StringBuilder b = new StringBuilder(12);
        for (int i = 0; i < syllables; i++) {
            int o = w.nextInt(ONSETS.length);
            int v = w.nextInt(VOWELS.length);
            int c = i == syllables - 1 ? w.nextInt(CODAS.length) : w.nextInt(4) == 0 ? w.nextInt(CODAS.length) : 0;
            switch (s) {
                case CYRILLIC -> b.append(ONSETS_CYR[o]).append(VOWELS_CYR[v]).append(CODAS_CYR[c]);
                case GREEK -> b.append(ONSETS_GR[o]).append(VOWELS_GR[v]).append(CODAS_GR[c]);
                case ARABIC -> b.append(ONSETS_AR[o]).append(VOWELS_AR[v]).append(CODAS_AR[c]);
                default -> b.append(ONSETS[o]).append(VOWELS[v]).append(CODAS[c]);
            }
        }
        return b.toString();
    }

    /** Two or three Chinese characters (from 2,500 common-range ones) for a rank. */
    private String cjkWord(int rank) {
        SplittableRandom w = new SplittableRandom(mix(seed, 0xC7C7_0000_0000L | rank));
        int n = 2 + w.nextInt(2);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (0x4E00 + w.nextInt(2_500) * 7));
        }
        return b.toString();
    }

    private static String cap(String w) {
        return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }

    private static String pickOf(SplittableRandom r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    /** Earlier entries more often (about 1/rank). */
    private static String zipfOf(SplittableRandom r, String[] a) {
        return a[rank(r, new int[] {0, a.length, 1})];
    }

    /** An index drawn with the given weights. */
    private static int pick(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            if (x < weights[i]) {
                return i;
            }
            x -= weights[i];
        }
        return weights.length - 1;
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
