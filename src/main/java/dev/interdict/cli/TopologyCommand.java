package dev.interdict.cli;

import dev.interdict.app.InterdictConfig;
import dev.interdict.screening.Screener;
import dev.interdict.topology.InterdictSerdes;
import dev.interdict.topology.InterdictTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code interdict topology}: prints Topology.describe() of both Streams applications. */
@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Prints the processors, stores and topics of the screening and list-validation topologies"
                + " (Topology.describe()), with the topic names of the configuration.")
final class TopologyCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (topic names); optional.")
    Path config;

    @Override
    public Integer call() throws Exception {
        System.out.print(describe(InterdictConfig.load(config, Map.of())));
        return 0;
    }

    static String describe(InterdictConfig cfg) {
        Map<String, Object> serdeConfig = new HashMap<>(cfg.all());
        serdeConfig.putIfAbsent("schema.registry.url", "mock://describe");
        InterdictTopology t = new InterdictTopology(cfg.topics(), InterdictSerdes.from(InterdictSerdes.avro(serdeConfig)), new Screener());
        return "Screening (application.id):\n" + t.build().describe()
                + "\nList validation (application.id + \"-list-validation\"):\n" + t.buildListValidation().describe();
    }
}
