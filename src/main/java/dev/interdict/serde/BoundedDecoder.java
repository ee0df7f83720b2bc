package dev.interdict.serde;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A binary decoder over one record that refuses lengths the record cannot hold. Avro allocates a string, bytes or
 * array of the length the data <em>claims</em> before it reads the content, so a 32-byte record whose string claims
 * 2^31 bytes threw {@link OutOfMemoryError} (no dead letter, the application stopped, and stopped again on the same
 * record after a restart). Here a string or bytes value longer than the whole record, or an array or map block with
 * more items than {@link #maxItems(int) the record could hold}, is an {@link IOException} naming the claim: the
 * record is corrupt, and the deserializer turns it into a dead letter like any other.
 *
 * <p>The bound is the size of the record, not what is left of it: enough to keep every allocation within a small
 * multiple of the record's own size (the first claim past the end fails when its bytes are read). Everything else is
 * the wrapped {@link BinaryDecoder}'s.
 */
final class BoundedDecoder extends Decoder {
    /** Arrays of items that take no bytes (nulls, empty records) may still have this many items in a small record. */
    static final int MIN_ITEMS_BOUND = 1_024;

    private final BinaryDecoder in;
    private final int maxBytes;
    private final int maxItems;

    /** @param length the number of bytes of the record that {@code in} reads */
    BoundedDecoder(BinaryDecoder in, int length) {
        this.in = in;
        this.maxBytes = length;
        this.maxItems = maxItems(length);
    }

    static int maxItems(int length) {
        return Math.max(length, MIN_ITEMS_BOUND);
    }

    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    private int byteLength(long claimed, String what) throws IOException {
        if (claimed < 0 || claimed > maxBytes) {
            throw new IOException(what + " length " + claimed + " is more than the record's " + maxBytes
                    + " bytes (corrupt or hostile length)");
        }
        return (int) claimed;
    }

    private long items(long claimed, String what) throws IOException {
        if (claimed < 0 || claimed > maxItems) {
            throw new IOException(what + " block of " + claimed + " items cannot be in a record of " + maxBytes
                    + " bytes (corrupt or hostile count)");
        }
        return claimed;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = byteLength(in.readLong(), "string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        if (length != 0) {
            in.readFixed(result.getBytes(), 0, length);
        }
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = byteLength(in.readLong(), "bytes");
        ByteBuffer result;
        if (old != null && length <= old.capacity()) {
            result = old;
            result.clear();
        } else {
            result = ByteBuffer.allocate(length);
        }
        in.readFixed(result.array(), result.position(), length);
        result.limit(length);
        return result;
    }

    @Override
    public long readArrayStart() throws IOException {
        return items(in.readArrayStart(), "array");
    }

    @Override
    public long arrayNext() throws IOException {
        return items(in.arrayNext(), "array");
    }

    @Override
    public long readMapStart() throws IOException {
        return items(in.readMapStart(), "map");
    }

    @Override
    public long mapNext() throws IOException {
        return items(in.mapNext(), "map");
    }

    @Override
    public long skipArray() throws IOException {
        return items(in.skipArray(), "array");
    }

    @Override
    public long skipMap() throws IOException {
        return items(in.skipMap(), "map");
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
