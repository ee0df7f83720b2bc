package dev.interdict.cli;

import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.RestrictedEntity;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.Rejection;
import dev.interdict.lists.FtmDelta;
import dev.interdict.lists.ListFile;
import dev.interdict.lists.ListFormat;
import dev.interdict.lists.ListSync;
import dev.interdict.replay.TopicScan;
import dev.interdict.serde.AvroSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** {@code interdict load-list}: publishes a restricted-party list to the compacted list topic. */
@Command(name = "load-list", mixinStandardHelpOptions = true,
        description = {
            "Publishes restricted entities to the compacted restricted-entities topic (key = entityId, Avro value).",
            "Formats: jsonl (shared/contract.md), csl (US Consolidated Screening List CSV), ofac-sdn (OFAC SDN legacy",
            "CSV), ftm (OpenSanctions / FollowTheMoney entities.ftm.json), ftm-delta (OpenSanctions entities.delta.json:",
            "ADD/MOD become upserts, DEL an ending; it reads the topic as --sync does). The file is read and checked",
            "before anything is published: a bad row or an entityId on two rows is reported on stderr with its line,",
            "and then nothing is published (exit status 2) unless --allow-partial-list."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every row published", "1:the command could not run",
                        "2:some rows were rejected (nothing published, or the rest with --allow-partial-list)"})
final class LoadListCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The list file; '-' reads stdin.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl, csl, ofac-sdn, ftm or ftm-delta. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--allow-partial-list",
            description = "Publish the valid entities when some rows were rejected (exit status still 2). Without it,"
                    + " a rejected row stops the load before anything is published.")
    boolean allowPartialList;

    @Option(names = "--sync",
            description = "Publish only what changed: read what the list topic holds (to its end, no consumer group),"
                    + " compare entity by entity, publish the entities that are new or changed, and END (never delete)"
                    + " the entities that left the file: their restrictions in force get effectiveUntil = --delisted-at."
                    + " A second sync of the same file publishes nothing.")
    boolean sync;

    @Option(names = "--dry-run", description = "With --sync or --format ftm-delta: print the differences (added, changed, ended, unchanged)"
            + " and publish nothing.")
    boolean dryRun;

    @Option(names = "--delisted-at", paramLabel = "INSTANT", description = "With --sync or --format ftm-delta: when"
            + " the entities that left the file (or that the delta deletes) stop being restricted (ISO-8601, e.g. 2026-11-30T00:00:00Z). Default: the time of the sync.")
    Instant delistedAt;

    @Override
    public Integer call() throws Exception {
        boolean delta = isDelta();
        if ((dryRun || delistedAt != null) && !sync && !delta) {
            System.err.println("--dry-run and --delisted-at go with --sync (or --format " + FtmDelta.FORMAT + ")");
            return 1;
        }
        if (delta) {
            return loadDelta();
        }
        ListFile checked = check();
        if (checked == null) {
            return 2;
        }
        InterdictConfig effective = kafka.load();
        if (effective == null) {
            return 1;
        }
        List<dev.interdict.screening.RestrictedEntity> list = checked.entities();
        int rejected = checked.rejections().size();
        String topic = effective.topics().restrictedEntities();
        if (sync) {
            Instant at = delistedAt != null ? delistedAt : Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ListSync.Plan plan = ListSync.plan(onTopic(effective, topic), list, at);
            System.err.println((dryRun ? "dry run, nothing published: " : "sync: ") + plan.summary(dryRun ? 1_000 : 20));
            if (dryRun) {
                return rejected > 0 ? 2 : 0;
            }
            list = plan.toPublish();
        }
        return publish(effective, list, rejected);
    }

    private boolean isDelta() {
        return format != null && format.trim().equalsIgnoreCase(FtmDelta.FORMAT);
    }

    /**
     * {@code --format ftm-delta}: the delta is read and checked before any connection, then applied to what the topic
     * holds ({@link FtmDelta#apply}); a party that cannot be published stops the load as a rejected row does.
     */
    private int loadDelta() throws IOException {
        List<Rejection> rejections = new ArrayList<>();
        FtmDelta.Delta delta;
        try (InputStream in = Io.input(file)) {
            delta = FtmDelta.read(in, file, rejections::add);
        }
        if (refused(rejections, delta.changes().size() + " readable changes")) {
            return 2;
        }
        InterdictConfig effective = kafka.load();
        if (effective == null) {
            return 1;
        }
        String topic = effective.topics().restrictedEntities();
        Instant at = delistedAt != null ? delistedAt : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Rejection> late = new ArrayList<>();
        FtmDelta.Applied applied = FtmDelta.apply(delta, onTopic(effective, topic), at, late::add);
        if (refused(late, applied.plan().toPublish().size() + " valid changes")) {
            return 2;
        }
        rejections.addAll(late);
        System.err.println((dryRun ? "dry run, nothing published: " : "delta: ") + applied.summary(dryRun ? 1_000 : 20));
        if (dryRun) {
            return rejections.isEmpty() ? 0 : 2;
        }
        return publish(effective, applied.plan().toPublish(), rejections.size());
    }

    /** Prints the rejections; true (publish nothing) if there are any and --allow-partial-list is not given. */
    private boolean refused(List<Rejection> rejections, String valid) {
        rejections.forEach(r -> System.err.println("rejected " + r));
        if (rejections.isEmpty()) {
            return false;
        }
        System.err.println(new ListFile(file, List.of(), rejections).rejectedSummary());
        if (allowPartialList) {
            return false;
        }
        System.err.println("nothing published: fix the file, or give --allow-partial-list to publish its " + valid);
        return true;
    }

    private int publish(InterdictConfig effective, List<dev.interdict.screening.RestrictedEntity> list, int rejected) {
        String topic = effective.topics().restrictedEntities();
        Map<String, Object> props = new HashMap<>(effective.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        Serde<RestrictedEntity> serde = AvroSerdes.forClass(RestrictedEntity.class, effective.all());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, RestrictedEntity> producer = new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
            int sent = 0;
            for (var e : list) {
                producer.send(new ProducerRecord<>(topic, e.entityId(), AvroMapping.toAvro(e)), (md, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
                if (++sent % 1000 == 0) {
                    System.err.printf("... %d of %d published%n", sent, list.size());
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            System.err.println("publishing failed: " + dev.interdict.serde.Urls.redact(String.valueOf(failure.get())));
            return 1;
        }
        System.err.printf("published %d entities to %s in %d ms; %d rows rejected%n", list.size(), topic,
                (System.nanoTime() - t0) / 1_000_000, rejected);
        return rejected > 0 ? 2 : 0;
    }

    /**
     * What the list topic holds now, by entityId: read to its end without a consumer group; a tombstone removes an
     * entry, and a record that is not a valid entity counts as absent (a sync publishes the file's entry over it).
     */
    static Map<String, dev.interdict.screening.RestrictedEntity> onTopic(InterdictConfig config, String topic) {
        var de = AvroSerdes.forClass(RestrictedEntity.class, config.all()).deserializer();
        Map<String, dev.interdict.screening.RestrictedEntity> held = new HashMap<>();
        TopicScan.readAll(config.clientProperties(), List.of(topic), r -> {
            if (r.key() == null) {
                return;
            }
            String key = new String(r.key(), StandardCharsets.UTF_8);
            try {
                var entity = r.value() == null ? null : AvroMapping.toDomain(de.deserialize(topic, r.value()));
                if (entity == null || !entity.entityId().equals(key)) {
                    held.remove(key);
                } else {
                    held.put(key, entity);
                }
            } catch (RuntimeException invalid) {
                held.remove(key);
            }
        });
        return held;
    }

    /**
     * Reads and checks the file, before any connection: every rejected row on stderr, and null (publish nothing) if
     * there are any and {@code --allow-partial-list} is not given; a list must not reach the topic with entities
     * silently missing.
     */
    ListFile check() throws IOException {
        ListFile list;
        try (InputStream in = Io.input(file)) {
            list = ListFile.read(ListFormat.parse(format), in, file);
        }
        list.rejections().forEach(r -> System.err.println("rejected " + r));
        if (!list.complete()) {
            System.err.println(list.rejectedSummary());
            if (!allowPartialList) {
                System.err.println("nothing published: fix the list, or give --allow-partial-list to publish its "
                        + list.entities().size() + " valid entities");
                return null;
            }
        }
        return list;
    }
}
