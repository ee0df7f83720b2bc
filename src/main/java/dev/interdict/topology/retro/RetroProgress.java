package dev.interdict.topology.retro;

import java.nio.ByteBuffer;

/**
 * How far a task's retro-screening has come, kept in its changelogged progress store so that a restart, rebalance or
 * crash goes on from there: the list offset up to which its history has been screened ({@code cursor}), and the job
 * under way, if any: the changes in {@code (cursor, target]}, done for the ranges before {@code nextRange}.
 *
 * @param target    {@link ListChanges#NONE} when no job is under way
 */
record RetroProgress(long cursor, long target, long nextRange) {
    static final String KEY = "progress";
    private static final byte FORMAT = 1;

    static RetroProgress idle(long cursor) {
        return new RetroProgress(cursor, ListChanges.NONE, 0);
    }

    boolean jobUnderWay() {
        return target > cursor;
    }

    byte[] encode() {
        return ByteBuffer.allocate(25).put(FORMAT).putLong(cursor).putLong(target).putLong(nextRange).array();
    }

    static RetroProgress decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalStateException("retro-screening progress in unknown format " + format);
        }
        return new RetroProgress(b.getLong(), b.getLong(), b.getLong());
    }
}
