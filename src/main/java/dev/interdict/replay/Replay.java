package dev.interdict.replay;

import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Decision;
import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.RestrictedEntity;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.JsonContract;
import dev.interdict.screening.Screener;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.topology.EntityRecords;
import dev.interdict.topology.TopicNames;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The auditors' replay: re-screens the events of a time range, read straight from the input topics (no consumer
 * group, nothing committed, nothing written to Interdict's topics), against the list as the list topic holds it
 * now, and compares with what the decisions topic says. Decisions are keyed and ordered by eventId, so the same
 * topics and list always give byte-identical output.
 */
public final class Replay {
    private final InterdictConfig config;
    private final TopicNames topics;

    public Replay(InterdictConfig config) {
        this.config = config;
        this.topics = config.topics();
    }

    /** Result of a replay: decisions by eventId (contract JSON), and records that could not be read. */
    public record Result(TreeMap<String, String> decisions, int skippedOutsideRange, int unreadable) {
    }

    public Result run(Instant from, Instant until) {
        Screener screener = new Screener(config.matcher());
        Deserializer<RestrictedEntity> entityDe = AvroSerdes.forClass(RestrictedEntity.class, config.all()).deserializer();
        readAll(topics.restrictedEntities(), (key, value) -> {
            if (key == null) {
                return;
            }
            if (value == null) {
                screener.remove(key);
                return;
            }
            try {
                screener.upsert(EntityRecords.validate(key, entityDe.deserialize(topics.restrictedEntities(), value)));
            } catch (RuntimeException invalid) {
                // the same records the live topology skips (they are in the dead-letter topic)
            }
        });
        Deserializer<PurchaseOrder> poDe = AvroSerdes.forClass(PurchaseOrder.class, config.all()).deserializer();
        Deserializer<LicenseRenewal> lrDe = AvroSerdes.forClass(LicenseRenewal.class, config.all()).deserializer();
        TreeMap<String, String> decisions = new TreeMap<>();
        int[] counts = {0, 0};
        for (String topic : List.of(topics.purchaseOrders(), topics.licenseRenewals())) {
            readAll(topic, (key, value) -> {
                try {
                    var event = topic.equals(topics.purchaseOrders())
                            ? AvroMapping.toScreeningEvent(poDe.deserialize(topic, value))
                            : AvroMapping.toScreeningEvent(lrDe.deserialize(topic, value));
                    if (event.eventTime().isBefore(from) || !event.eventTime().isBefore(until)) {
                        counts[0]++;
                        return;
                    }
                    decisions.put(event.eventId(), JsonContract.toLine(JsonContract.decision(screener.screen(event))));
                } catch (RuntimeException unreadable) {
                    counts[1]++; // a dead letter of the live run
                }
            });
        }
        return new Result(decisions, counts[0], counts[1]);
    }

    /** The decisions topic as it is now (committed records only), by eventId, for the replayed eventIds. */
    public Map<String, List<String>> recorded(java.util.Set<String> eventIds) {
        Deserializer<Decision> de = AvroSerdes.forClass(Decision.class, config.all()).deserializer();
        Map<String, List<String>> out = new HashMap<>();
        readAll(topics.decisions(), (key, value) -> {
            if (value == null) {
                return;
            }
            Decision d = de.deserialize(topics.decisions(), value);
            if (eventIds.contains(d.getEventId())) {
                out.computeIfAbsent(d.getEventId(), k -> new ArrayList<>())
                        .add(JsonContract.toLine(JsonContract.decision(AvroMapping.fromAvro(d))));
            }
        });
        return out;
    }

    /** Differences between a replay and the decisions topic, one line each; empty when they agree. */
    public List<String> verify(Result replay) {
        Map<String, List<String>> recorded = recorded(replay.decisions().keySet());
        List<String> diffs = new ArrayList<>();
        replay.decisions().forEach((eventId, decision) -> {
            List<String> rec = recorded.get(eventId);
            if (rec == null) {
                diffs.add("missing from " + topics.decisions() + ": " + eventId);
            } else if (rec.size() > 1) {
                diffs.add("duplicated in " + topics.decisions() + " (" + rec.size() + " decisions): " + eventId);
            } else if (!rec.get(0).equals(decision)) {
                diffs.add("differs: " + eventId + "\n  recorded: " + rec.get(0) + "\n  replayed: " + decision);
            }
        });
        return diffs;
    }

    /** Every committed record of a topic, key as text, value as bytes. */
    private void readAll(String topic, BiConsumer<String, byte[]> action) {
        TopicScan.readAll(config.clientProperties(), List.of(topic), r -> action.accept(
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value()));
    }
}
