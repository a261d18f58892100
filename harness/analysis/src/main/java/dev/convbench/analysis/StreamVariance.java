package dev.convbench.analysis;

import dev.convbench.results.RunSpecRecord;
import dev.convbench.results.StreamSeeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How much of a cell's spread in final test accuracy each source of randomness accounts for: the standard deviation
 * over runs that vary one stream's seed (weight initialisation, data order or augmentation) while the other two are
 * held, and over runs that vary all three together (one seed per run).
 *
 * <p>When several sets of runs vary the same stream (with the others held at other values, as a cross product of
 * seeds gives), their variances are pooled, each weighted by its degrees of freedom: {@code s² = Σ (nᵢ − 1) sᵢ² /
 * Σ (nᵢ − 1)}. That is the within-set variance, free of the differences between sets, which other streams cause.
 *
 * @param source {@link #INIT}, {@link #DATA_ORDER}, {@link #AUGMENTATION} or {@link #ALL}
 * @param runs the completed runs the estimate is over
 * @param sets how many sets of runs, each holding the other streams fixed, were pooled
 * @param std the (pooled) sample standard deviation of final test accuracy, as a fraction
 */
public record StreamVariance(String source, int runs, int sets, double std) {

  /** Weight initialisation varies, data order and augmentation are held. */
  public static final String INIT = "init";
  /** Data order varies, the others are held. */
  public static final String DATA_ORDER = "data-order";
  /** Augmentation varies, the others are held. */
  public static final String AUGMENTATION = "augmentation";
  /** All three vary together: runs with one seed each. */
  public static final String ALL = "all three";

  /** Degrees of freedom of the estimate. */
  public int degreesOfFreedom() {
    return runs - sets;
  }

  /**
   * The estimates of {@code cell}'s completed runs, one per source with at least two runs that differ in it alone
   * (in the order init, data order, augmentation, all three); empty when the runs vary no stream apart.
   */
  public static List<StreamVariance> of(CellSummary cell) {
    List<Seeded> seeded = new ArrayList<>();
    for (RunOutcome o : cell.completedOutcomes()) {
      RunSpecRecord spec = o.run().record().spec();
      if (spec != null && Double.isFinite(o.finalAccuracy())) {
        seeded.add(new Seeded(spec.seeds(), o.finalAccuracy()));
      }
    }
    List<StreamVariance> estimates = new ArrayList<>();
    pooled(INIT, seeded, s -> List.of(s.dataOrder(), s.augmentation())).ifPresent(estimates::add);
    pooled(DATA_ORDER, seeded, s -> List.of(s.init(), s.augmentation())).ifPresent(estimates::add);
    pooled(AUGMENTATION, seeded, s -> List.of(s.init(), s.dataOrder())).ifPresent(estimates::add);
    if (estimates.isEmpty()) {
      return List.of();
    }
    List<Seeded> uniform = seeded.stream().filter(s -> s.seeds().isUniform()).toList();
    pooled(ALL, uniform, s -> List.of()).ifPresent(estimates::add);
    return List.copyOf(estimates);
  }

  private record Seeded(StreamSeeds seeds, double accuracy) {}

  /** Runs grouped by what {@code held} picks out of their seeds; sets of two or more runs pooled. */
  private static Optional<StreamVariance> pooled(String source, List<Seeded> runs,
      Function<StreamSeeds, List<Long>> held) {
    Map<List<Long>, List<Double>> sets = new LinkedHashMap<>();
    runs.forEach(r -> sets.computeIfAbsent(held.apply(r.seeds()), k -> new ArrayList<>()).add(r.accuracy()));
    double squares = 0;
    int n = 0;
    int pooled = 0;
    for (List<Double> set : sets.values()) {
      if (set.size() < 2) {
        continue;
      }
      SampleStats s = SampleStats.of(set.stream().mapToDouble(Double::doubleValue).toArray());
      squares += (s.n() - 1) * s.std() * s.std();
      n += s.n();
      pooled++;
    }
    return pooled == 0 ? Optional.empty()
        : Optional.of(new StreamVariance(source, n, pooled, Math.sqrt(squares / (n - pooled))));
  }
}
