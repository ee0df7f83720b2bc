package dev.interdict.topology.retro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which listed entity changed last at which offset of the list topic, as this instance's global thread applied the
 * list. The list topic's offset is the change cursor of retro-screening: each task keeps (in its changelogged state)
 * the offset up to which its history has been screened, and asks for the entities changed after it
 * ({@link #changedBetween}). Every instance's global thread sees every list record, so a change reaches every
 * partition, on every instance.
 *
 * <p>Only the latest change of each entity is kept: one entry per listed entity, whatever the number of republishes.
 * A list record equal to what is held is not a change ({@link #unchanged}); a removed entity cannot raise an alert,
 * so its entry goes. A task whose cursor is older than an entity's latest change re-screens against that entity,
 * which covers every earlier change of it too; nothing is trimmed, so a task restored on another instance finds the
 * changes it has not screened whatever its cursor.
 */
public final class ListChanges {
    /** No list record applied yet. */
    public static final long NONE = -1;

    private final Map<String, Long> latest = new HashMap<>();
    private final NavigableMap<Long, String> byOffset = new TreeMap<>();
    private volatile long applied = NONE;

    /** The entity was added or changed by the list record at {@code offset}. */
    public synchronized void changed(String entityId, long offset) {
        Long previous = latest.put(entityId, offset);
        if (previous != null) {
            byOffset.remove(previous);
        }
        byOffset.put(offset, entityId);
        applied(offset);
    }

    /** The entity was removed by the list record at {@code offset}: it can raise no alert any more. */
    public synchronized void removed(String entityId, long offset) {
        Long previous = latest.remove(entityId);
        if (previous != null) {
            byOffset.remove(previous);
        }
        applied(offset);
    }

    /** The list record at {@code offset} changed nothing (equal to the entry held, or invalid): free. */
    public synchronized void unchanged(long offset) {
        applied(offset);
    }

    private void applied(long offset) {
        if (offset > applied) {
            applied = offset;
        }
    }

    /** The offset of the last list record applied on this instance ({@link #NONE} if none). */
    public long applied() {
        return applied;
    }

    /** Ids of the entities whose latest change is at an offset in {@code (after, upTo]}, in offset order. */
    public synchronized List<String> changedBetween(long after, long upTo) {
        if (upTo <= after) {
            return List.of();
        }
        return new ArrayList<>(byOffset.subMap(after, false, upTo, true).values());
    }

    /** Entities with a change recorded (at most one entry each). */
    public synchronized int size() {
        return latest.size();
    }
}
