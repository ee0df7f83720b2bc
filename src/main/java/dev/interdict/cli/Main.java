package dev.interdict.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar interdict.jar}. */
@Command(name = "interdict",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Screens purchase orders and licence renewals against restricted-party lists, as of each event's own time.",
        subcommands = {ScreenCommand.class, NamesCommand.class, DemoCommand.class, RunCommand.class, LoadListCommand.class, PublishEventsCommand.class, TopologyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit status (used by tests). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
