package dev.interdict.lists;

import dev.interdict.screening.Activity;
import dev.interdict.screening.Restriction;
import dev.interdict.screening.RestrictedEntity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListSyncTest {
    static final Instant FROM = Instant.parse("2024-07-20T04:00:00Z");
    static final Instant SYNC = Instant.parse("2026-11-30T00:00:00Z");

    static RestrictedEntity entity(String id, String name, Restriction... rs) {
        return new RestrictedEntity(id, name, List.of(), List.of(), "RU", "test list", "1 FR 1", List.of(rs));
    }

    static Restriction any(Instant from, Instant until) {
        return new Restriction(Activity.ANY, from, until);
    }

    static Map<String, RestrictedEntity> topic(RestrictedEntity... es) {
        Map<String, RestrictedEntity> m = new HashMap<>();
        for (RestrictedEntity e : es) {
            m.put(e.entityId(), e);
        }
        return m;
    }

    @Test
    void theSameFileAgainPublishesNothing() {
        RestrictedEntity a = entity("a", "Alpha Trading", any(FROM, null));
        RestrictedEntity b = entity("b", "Beta Works", any(FROM, null));
        ListSync.Plan plan = ListSync.plan(topic(a, b), List.of(a, b), SYNC);
        assertEquals(List.of(), plan.toPublish());
        assertEquals(2, plan.unchanged().size());
    }

    @Test
    void newAndChangedEntriesArePublishedAndOnlyThose() {
        RestrictedEntity a = entity("a", "Alpha Trading", any(FROM, null));
        RestrictedEntity b = entity("b", "Beta Works", any(FROM, null));
        RestrictedEntity bRenamed = entity("b", "Beta Works Ltd", any(FROM, null));
        RestrictedEntity c = entity("c", "Gamma Labs", any(FROM, null));
        ListSync.Plan plan = ListSync.plan(topic(a, b), List.of(a, bRenamed, c), SYNC);
        assertEquals(List.of(c), plan.added());
        assertEquals(List.of(bRenamed), plan.changed());
        assertEquals(List.of(c, bRenamed), plan.toPublish());
    }

    @Test
    void anEntityThatLeftTheSourceIsEndedAtTheSyncNotDeletedAndASecondSyncLeavesItAlone() {
        RestrictedEntity a = entity("a", "Alpha Trading", any(FROM, null));
        RestrictedEntity gone = entity("gone", "Delta Shipping",
                any(FROM, null), // in force: ended at the sync
                any(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")), // ended before: kept
                any(Instant.parse("2027-01-01T00:00:00Z"), null)); // never comes into force: dropped
        ListSync.Plan plan = ListSync.plan(topic(a, gone), List.of(a), SYNC);
        assertEquals(1, plan.ended().size());
        RestrictedEntity ended = plan.ended().get(0);
        assertEquals(List.of(any(FROM, SYNC), any(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T00:00:00Z"))), ended.restrictions());
        assertEquals(gone.name(), ended.name(), "the entry stays, with its names: replays of earlier events agree");
        ListSync.Plan again = ListSync.plan(topic(a, ended), List.of(a), SYNC.plusSeconds(86_400));
        assertEquals(List.of(), again.toPublish(), "ended already");
    }

    @Test
    void anEntityReturningToTheSourceIsPublishedAgainInFull() {
        RestrictedEntity back = entity("b", "Beta Works", any(FROM, null));
        RestrictedEntity endedOnTopic = entity("b", "Beta Works", any(FROM, SYNC));
        ListSync.Plan plan = ListSync.plan(topic(endedOnTopic), List.of(back), SYNC.plusSeconds(60));
        assertEquals(List.of(back), plan.changed());
    }

    @Test
    void anEntityWhoseEveryRestrictionStartsAfterTheDelistingIsReportedNotEnded() {
        RestrictedEntity future = entity("f", "Future Corp", any(Instant.parse("2030-01-01T00:00:00Z"), null));
        ListSync.Plan plan = ListSync.plan(topic(future), List.of(), SYNC);
        assertEquals(List.of("f"), plan.unendable());
        assertTrue(plan.toPublish().isEmpty());
        assertTrue(plan.summary(5).contains("not endable"), plan.summary(5));
    }
}
