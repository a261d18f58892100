package dev.convbench.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * Reads a TensorBoard event file as TensorBoard does, independently of the code that wrote it: TFRecord framing
 * (little-endian uint64 length, masked CRC32C of the length's 8 bytes, the payload, masked CRC32C of the payload),
 * every checksum checked, each payload an {@link Event} protocol buffer.
 */
final class EventFileReader {

  private static final int MASK_DELTA = 0xa282ead8;

  private EventFileReader() {}

  /** The file's events in order. @throws IOException when the framing is cut short or a checksum does not match */
  static List<Event> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (in.hasRemaining()) {
      int at = in.position();
      if (in.remaining() < 12) {
        throw new IOException(file + ": record at byte " + at + " is cut short in its header");
      }
      long length = in.getLong();
      if (in.getInt() != maskedCrc(bytes, at, 8)) {
        throw new IOException(file + ": record at byte " + at + ": the CRC of its length does not match");
      }
      if (length < 0 || length > in.remaining() - 4) {
        throw new IOException(file + ": record at byte " + at + " is cut short: " + length + " bytes announced");
      }
      int payloadAt = in.position();
      in.position(payloadAt + (int) length);
      if (in.getInt() != maskedCrc(bytes, payloadAt, (int) length)) {
        throw new IOException(file + ": record at byte " + at + ": the CRC of its payload does not match");
      }
      events.add(Event.parseFrom(ByteBuffer.wrap(bytes, payloadAt, (int) length)));
    }
    return events;
  }

  static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }
}
