package dev.interdict.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar interdict.jar}. */
@Command(name = "interdict",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Screens purchase orders and licence renewals against restricted-party lists, as of each event's own time.",
        subcommands = {ScreenCommand.class, NamesCommand.class, DemoCommand.class, RunCommand.class, LoadListCommand.class, PublishEventsCommand.class, TopologyCommand.class, ReplayCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = execute(args);
        flushLogs();
        System.exit(status);
    }

    /** Writes out the log lines still queued (logging is asynchronous); call last, nothing is logged after. */
    static void flushLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    /** Runs a command line and returns its exit status (used by tests). */
    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    // a failure to run (file not found, broker unreachable): one clear line, the stack only on demand
                    cmd.getErr().println("interdict " + cmd.getCommandName() + ": " + describe(ex));
                    if (System.getenv("INTERDICT_DEBUG") != null) {
                        ex.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }

    private static String describe(Exception ex) {
        if (ex instanceof java.nio.file.NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        // a message may hold a URL with credentials (schema.registry.url=http://user:password@host)
        return dev.interdict.serde.Urls.redact(ex.getMessage() == null ? ex.toString() : ex.getMessage());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
