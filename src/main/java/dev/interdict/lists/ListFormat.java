package dev.interdict.lists;

import dev.interdict.contract.Rejection;
import dev.interdict.screening.RestrictedEntity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The list file formats Interdict reads. */
public enum ListFormat {
    /** The contract's JSON Lines form (shared/contract.md). */
    JSONL,
    /** The US Consolidated Screening List CSV (trade.gov, 29 columns with a header). */
    CSL,
    /** The OFAC SDN list, legacy CSV (12 columns, no header, {@code -0-} = empty). */
    OFAC_SDN,
    /**
     * FollowTheMoney entities as OpenSanctions publishes them ({@code entities.ftm.json}, one entity per line); the
     * rules are in {@link FtmEntities}. Its delta files ({@code entities.delta.json}) are read by {@link FtmDelta}.
     */
    FTM;

    public static ListFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * Reads every entity; bad rows go to {@code rejected} and never stop the read. An entityId on two rows rejects both
     * (no format read here repeats an id legitimately); a trailing 0x1A (DOS end-of-file, as in the OFAC files) is
     * ignored in the CSV formats.
     */
    public List<RestrictedEntity> read(BufferedReader in, String sourceName, Consumer<Rejection> rejected) throws IOException {
        return switch (this) {
            case JSONL -> JsonlEntities.read(in, sourceName, rejected);
            case CSL -> CslCsv.read(in, sourceName, rejected);
            case OFAC_SDN -> OfacSdnCsv.read(in, sourceName, rejected);
            case FTM -> FtmEntities.read(in, sourceName, rejected);
        };
    }

    /** As {@link #read(BufferedReader, String, Consumer)}, from UTF-8 bytes: a line that is not UTF-8 rejects its row. */
    public List<RestrictedEntity> read(InputStream in, String sourceName, Consumer<Rejection> rejected) throws IOException {
        return switch (this) {
            case JSONL -> JsonlEntities.read(in, sourceName, rejected);
            case CSL -> CslCsv.read(in, sourceName, rejected);
            case OFAC_SDN -> OfacSdnCsv.read(in, sourceName, rejected);
            case FTM -> FtmEntities.read(in, sourceName, rejected);
        };
    }
}
