package dev.interdict.cli;

import dev.interdict.screening.names.MatcherConfig;
import picocli.CommandLine.Option;

/** Matching thresholds, shared by every command that matches names. */
final class MatcherOptions {
    @Option(names = "--match-threshold", paramLabel = "SCORE",
            description = "Score at or above which a name pair is a MATCH (VIOLATION). Default: ${DEFAULT-VALUE}.")
    double matchThreshold = MatcherConfig.DEFAULT.matchThreshold();

    @Option(names = "--review-threshold", paramLabel = "SCORE",
            description = "Score at or above which a name pair is a REVIEW. Default: ${DEFAULT-VALUE}.")
    double reviewThreshold = MatcherConfig.DEFAULT.reviewThreshold();

    MatcherConfig config() {
        return new MatcherConfig(matchThreshold, reviewThreshold);
    }
}
