package dev.interdict.topology;

/**
 * Thrown by the screen processor for an event that arrives while no restricted entity is loaded (an empty list topic,
 * or every list record invalid): without a list every event would be decided CLEAR, so the event is not decided at
 * all. It is not the record's fault: the processing handler fails the task instead of dead-lettering the record, and
 * the record is read again once the stream thread is replaced. The application also pauses screening while the list
 * is empty ({@code ListGate}), so this is the backstop for an event already in flight.
 */
public final class ListNotLoadedException extends RuntimeException {
    public ListNotLoadedException(String eventId) {
        super("no restricted entities loaded: event " + eventId + " is held, not decided, until a list is loaded");
    }

    /** True when {@code t} or one of its causes is this exception. */
    public static boolean in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ListNotLoadedException) {
                return true;
            }
        }
        return false;
    }
}
