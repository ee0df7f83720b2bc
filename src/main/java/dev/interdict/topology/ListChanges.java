package dev.interdict.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of list entries changed on this instance, in the order the global thread applied them. Every instance's
 * global thread sees every list record, and every task on the instance reads this log from its own cursor: that is
 * how one list change reaches every partition for retro-screening, whatever the number of partitions and instances.
 */
public final class ListChanges {
    private final List<String> entityIds = new ArrayList<>();

    synchronized void changed(String entityId) {
        entityIds.add(entityId);
    }

    /** The changes from {@code cursor} on. */
    synchronized List<String> since(int cursor) {
        return cursor >= entityIds.size() ? List.of() : new ArrayList<>(entityIds.subList(cursor, entityIds.size()));
    }

    public synchronized int size() {
        return entityIds.size();
    }
}
