package dev.convbench.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The JSON encoding of the results files ({@code run.json}, {@code experiment.json}, {@code structure.json}, claim,
 * checkpoint and model records): indented, and tolerant of fields it does not know. One instance per store or reader.
 */
public final class ResultsJson {

  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      // Files outlive releases: ignore fields a newer writer added instead of refusing to report old runs.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** {@code value} as a file's content, ending with a line break. */
  public byte[] write(Object value) throws IOException {
    byte[] json = mapper.writeValueAsBytes(value);
    byte[] withNewline = new byte[json.length + 1];
    System.arraycopy(json, 0, withNewline, 0, json.length);
    withNewline[json.length] = '\n';
    return withNewline;
  }

  /** Reads {@code file} as a {@code type}. */
  public <T> T read(Path file, Class<T> type) throws IOException {
    return mapper.readValue(file.toFile(), type);
  }

  /** The tree {@code value} has once written and read back, so it compares equal to a tree read from a file. */
  public JsonNode roundTripTree(Object value) throws IOException {
    return mapper.readTree(mapper.writeValueAsBytes(value));
  }

  /** Reads {@code file} as a tree. */
  public JsonNode readTree(Path file) throws IOException {
    return mapper.readTree(file.toFile());
  }
}
