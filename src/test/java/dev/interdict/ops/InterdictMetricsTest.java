package dev.interdict.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class InterdictMetricsTest {
    /** As Micrometer's Kafka binder registers a store metric: Kafka Streams' tags, the key naming the store type. */
    static void storeMetric(PrometheusMeterRegistry registry, String typeKey, String store, double value) {
        Gauge.builder("kafka.stream.state.record.e2e.latency.avg", () -> value)
                .tags(Tags.of("kafka.version", "4.3.1", "task.id", "1_0", "thread.id", "t-1", typeKey, store))
                .register(registry);
    }

    @Test
    void inMemoryAndRocksDbStoresBothReachPrometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(InterdictMetrics.ONE_STATE_ID_TAG);
        storeMetric(registry, "in-memory-state-id", "restricted-entities-store", 1.0);
        storeMetric(registry, "rocksdb-state-id", "screened-ranges-store", 2.0);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("state_id=\"restricted-entities-store\",store_type=\"in-memory\""), scrape);
        assertTrue(scrape.contains("state_id=\"screened-ranges-store\",store_type=\"rocksdb\""), scrape);
    }

    @Test
    void withoutTheFilterPrometheusKeepsOnlyTheFirstKindOfStore() {
        // the failure the filter exists for: if Micrometer or Kafka ever stop producing it, this test says so
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        storeMetric(registry, "in-memory-state-id", "restricted-entities-store", 1.0);
        storeMetric(registry, "rocksdb-state-id", "screened-ranges-store", 2.0);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("restricted-entities-store") && !scrape.contains("screened-ranges-store"), scrape);
    }
}
