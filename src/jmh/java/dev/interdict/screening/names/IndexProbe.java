package dev.interdict.screening.names;

import dev.interdict.lists.ListFormat;
import dev.interdict.screening.RestrictedEntity;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Diagnostic: candidates and time per query phase against the full OFAC list (not a benchmark). */
public final class IndexProbe {
    public static void main(String[] args) throws Exception {
        List<RestrictedEntity> list;
        try (BufferedReader in = Files.newBufferedReader(Path.of("../shared/data/ofac-sdn-2024-05-03.csv"))) {
            list = ListFormat.OFAC_SDN.read(in, "ofac", r -> { });
        }
        DefaultNameIndex idx = new DefaultNameIndex(MatcherConfig.DEFAULT);
        for (RestrictedEntity e : list) {
            idx.put(e.entityId(), e.allNames(), e.brands());
        }
        String[] qs = {"Microsoft Corporation", "CDW Government LLC", "Dell Technologies Inc.", "BANCO NACIONAL DE CUBA",
            "Insight Direct USA, Inc.", "Kasperski Lab Inc", "Acme Industrial Supply Co", "AEROCARRIBEAN AIRLINES",
            "Grainger Industrial Supply", "SHI International Corp", "Northwind Traders Ltd", "Rosneft Trading SA",
            "Microsoft", "Kaspersky", "Dell", "Cisco", "3M", "Boeing", "Honeywell", "Adobe", "Contoso", "Siemens"};
        for (int round = 0; round < 6; round++) {
            long tPrep = 0;
            long tCand = 0;
            long tAll = 0;
            long tScore = 0;
            NameScorer scorer = new NameScorer(MatcherConfig.DEFAULT, new TokenStats());
            int cands = 0;
            int n = 20000;
            for (int r = 0; r < n; r++) {
                String q = qs[r % qs.length];
                long t0 = System.nanoTime();
                PreparedName p = new PreparedName(q);
                long t1 = System.nanoTime();
                var c = idx.candidates(p);
                long t2 = System.nanoTime();
                idx.matchParty(q);
                long t3 = System.nanoTime();
                for (var l : c) {
                    scorer.score(p, l.prepared(), false);
                }
                tScore += System.nanoTime() - t3;
                tPrep += t1 - t0;
                tCand += t2 - t1;
                tAll += t3 - t2;
                cands += c.size();
            }
            System.out.printf("prep %.2f us, candidates %.2f us, matchParty %.2f us, scoring alone %.2f us, avg candidates %.1f%n",
                    tPrep / 1e3 / n, tCand / 1e3 / n, tAll / 1e3 / n, tScore / 1e3 / n, (double) cands / n);
        }
        for (String q : qs) {
            PreparedName p = new PreparedName(q);
            System.out.println(q + " -> keys " + BlockingKeys.keys(p) + " candidates " + idx.candidates(p).size());
        }
    }
}
