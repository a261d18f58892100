package dev.convbench.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What decides a run's numbers, as two SHA-256 digests: {@code spec} over the architecture, its hyper-parameters,
 * the training settings, the data selection (subsets, validation, hold-out, subset seed) and the seed (the seeds of
 * the three random streams when they differ), computed from
 * the run's settings in their stored form ({@link RunSpecRecord}), so it depends on the file format alone; {@code data}
 * over the data's content (the engine's fingerprint of the CIFAR-10 files). Left out on purpose: the experiment's name
 * and description, the cell's label and key order, where the data lies and whether partial data was allowed — none
 * of them changes a number. A run on disk whose identity equals the file's is kept whatever else changed.
 *
 * <p>A setting added in a later release must stay out of the digest while it has its default value, or every
 * existing run would look changed.
 *
 * @param spec digest of the resolved run settings
 * @param data digest of the data's content; {@code null} when unknown (not checked, or written by an older release)
 */
public record RunIdentity(String spec, String data) {

  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  public RunIdentity {
    Objects.requireNonNull(spec, "spec");
  }

  /** The identity of {@code run} on data with fingerprint {@code dataFingerprint} (may be null: unknown). */
  public static RunIdentity of(RunSpecRecord run, String dataFingerprint) {
    return new RunIdentity(specDigest(run), dataFingerprint);
  }

  /**
   * The digest of the settings of {@code run} that decide its numbers: the SHA-256 of their canonical JSON (keys
   * sorted), the precision left out when it is {@value TrainingParameters#DEFAULT_PRECISION}.
   */
  public static String specDigest(RunSpecRecord run) {
    DatasetParameters d = run.dataset();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("trainSubset", d.trainSubset());
    data.put("testSubset", d.testSubset());
    data.put("validation", d.validation());
    data.put("holdoutSize", d.holdoutSize());
    data.put("subsetSeed", d.subsetSeed());
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("architecture", run.architecture());
    canonical.put("hyperParameters", new TreeMap<>(run.hyperParameters()));
    Map<String, Object> training = CANONICAL.convertValue(run.training(), new TypeReference<Map<String, Object>>() {});
    if (TrainingParameters.DEFAULT_PRECISION.equals(run.training().precision())) {
      training.remove("precision");
    }
    canonical.put("training", training);
    canonical.put("data", data);
    // A run with one seed keeps the digest it had before streams could have seeds of their own.
    StreamSeeds seeds = run.seeds();
    if (seeds.isUniform()) {
      canonical.put("seed", seeds.init());
    } else {
      canonical.put("streamSeeds", seeds);
    }
    try {
      return sha256(CANONICAL.writeValueAsBytes(canonical));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("run settings are plain values and always encode", e);
    }
  }

  /**
   * Whether a run recorded with this identity has the numbers a run of {@code wanted} would have. An unknown data
   * digest on either side compares by settings alone.
   */
  public boolean matches(RunIdentity wanted) {
    return spec.equals(wanted.spec) && (data == null || wanted.data == null || data.equals(wanted.data));
  }

  /** A short form for names and messages: the first 12 hex digits of the settings digest. */
  public String shortSpec() {
    return spec.substring(0, Math.min(12, spec.length()));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
