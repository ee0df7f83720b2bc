package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateSelectorTest {
    private static NamePostings postingsOf(List<String> names) {
        NamePostings postings = new NamePostings();
        List<ListedName> listed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            listed.add(new ListedName(i, "id-" + name, name, NameKind.NAME, new PreparedName(name)));
        }
        postings.add(listed);
        return postings;
    }

    private static List<String> names(List<ListedName> candidates) {
        return candidates.stream().map(ListedName::name).toList();
    }

    @Test
    void aNameWithADistinctiveWordIsNotSoughtThroughItsCommonWords() {
        List<String> names = new ArrayList<>();
        names.add("Varkonel Industrial");
        for (int i = 0; i < 50; i++) {
            names.add("Industrial Works " + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "x");
        }
        List<String> found = names(new CandidateSelector(postingsOf(names)).candidates(new PreparedName("Varkonell Industrial")));
        assertEquals(List.of("Varkonel Industrial"), found);
    }

    @Test
    void atMostThirtyTwoCandidatesAreKeptTheBestFirstAndTheSameWhateverTheLoadOrder() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("Brantor " + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "q");
        }
        List<String> forward = names(new CandidateSelector(postingsOf(names)).candidates(new PreparedName("Brantor")));
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        List<String> backward = names(new CandidateSelector(postingsOf(reversed)).candidates(new PreparedName("Brantor")));
        assertEquals(CandidateSelector.MAX_CANDIDATES, forward.size());
        assertEquals(new java.util.TreeSet<>(forward), new java.util.TreeSet<>(backward));
    }

    @Test
    void aNameIsFoundWhenEveryStrongKeyOfTheQueryIsCommonInALargeList() {
        // in a large list the 4-letter prefix and suffix of every word are shared by hundreds of names; the query's
        // only rare key is its initials (a weak key): it must not make every other key only weigh
        List<String> names = new ArrayList<>();
        names.add("Zorvath Engineering GmbH");
        for (int i = 0; i < 260; i++) {
            String tag = "" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
            names.add("Zorv" + tag + "ek Metals");
            names.add("Kel" + tag + "rvath Mining");
            names.add("Plo" + tag + "ut Engineering Ltd");
        }
        List<String> found = names(new CandidateSelector(postingsOf(names))
                .candidates(new PreparedName("Zorvath Enngineering GmbH")));
        assertTrue(found.contains("Zorvath Engineering GmbH"), found.toString());
    }

    @Test
    void aNameSharingEveryKeyOfAQueryComesBeforeNamesSharingOnlyItsRareKey() {
        // ">paov" is the query's only rare key; the others are common: they must still weigh, or the name that shares
        // them all is one of a hundred tied names, most of which are cut
        List<String> names = new ArrayList<>();
        names.add("Dridar Grofeovich Shupaov");
        for (int i = 0; i < 150; i++) {
            String tag = "" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
            names.add("Abra" + tag + " Sub" + tag + "ovich Ba" + tag + "paov"); // ids before the target's
        }
        for (int i = 0; i < 260; i++) {
            String tag = "" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
            names.add("Drid" + tag + "idar Grof" + tag + "ovich Shup" + tag + "x");
        }
        List<String> found = names(new CandidateSelector(postingsOf(names))
                .candidates(new PreparedName("Dridar Grofeovich Shuupaov")));
        assertTrue(found.contains("Dridar Grofeovich Shupaov"), found.toString());
    }

    @Test
    void aQuerySharingNoKeyFindsNothing() {
        assertTrue(new CandidateSelector(postingsOf(List.of("Quendral Mining"))).candidates(new PreparedName("Ostravel")).isEmpty());
    }
}
