package dev.convbench.experiment;

import dev.convbench.experiment.MatrixSpec.Dimension;
import dev.convbench.experiment.MatrixSpec.Selector;
import dev.convbench.experiment.MatrixSpec.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands a {@link MatrixSpec} into cells, with GitHub Actions semantics:
 * <ol>
 *   <li>the cartesian product of the dimensions, the first key outermost (so values vary fastest for the last
 *       key); a hyper-parameter key {@code <arch>.<param>} only applies to cells of {@code <arch>}: other cells
 *       drop it, and cells that become identical are kept once;</li>
 *   <li>exclude entries remove every cell that has all of their key/value pairs; an entry matching no cell of the
 *       product is reported, as it is almost certainly a typo;</li>
 *   <li>each include entry, in order, is matched against the remaining product cells on the keys it shares with the
 *       dimensions: it adds its other keys to every matching cell (overwriting values added by earlier includes,
 *       never the matrix values); when no cell matches, it becomes a new cell of its own, appended at the end.</li>
 * </ol>
 * Every final cell must have an architecture. Identical final cells are kept once.
 */
final class MatrixExpander {

  /** A larger matrix is almost certainly a mistake, and would take years to train. */
  static final int MAX_CELLS = 10_000;

  private final Problems problems;

  MatrixExpander(Problems problems) {
    this.problems = problems;
  }

  /**
   * Expands a matrix into its cells.
   *
   * @return the cells in order; empty after recording a problem when the matrix cannot be expanded
   */
  List<Cell> expand(MatrixSpec spec) {
    long size = 1;
    for (Dimension d : spec.dimensions()) {
      size = Math.min(size * d.values().size(), (long) MAX_CELLS + 1); // capped: cannot overflow
    }
    if (size > MAX_CELLS) {
      problems.at(spec.node(), "the matrix has more than " + MAX_CELLS + " cells; split the experiment");
      return List.of();
    }
    List<Cell> product = product(spec.dimensions());
    List<Cell> remaining = exclude(product, spec.excludes());
    Set<String> dimensionKeys = new LinkedHashSet<>();
    spec.dimensions().forEach(d -> dimensionKeys.add(d.key().name()));
    List<Cell> cells = include(remaining, spec.includes(), dimensionKeys);
    return finish(cells, keyOrder(spec), spec);
  }

  private static List<Cell> product(List<Dimension> dimensions) {
    if (dimensions.isEmpty()) {
      return List.of(); // only include entries define cells
    }
    List<Cell> cells = new ArrayList<>();
    int[] index = new int[dimensions.size()];
    while (true) {
      Map<String, Located> values = new LinkedHashMap<>();
      for (int i = 0; i < index.length; i++) {
        values.put(dimensions.get(i).key().name(), dimensions.get(i).values().get(index[i]));
      }
      cells.add(dropInapplicable(new Cell(values)));
      int i = index.length - 1; // odometer: the last key turns fastest
      while (i >= 0 && ++index[i] == dimensions.get(i).values().size()) {
        index[i--] = 0;
      }
      if (i < 0) {
        return distinct(cells);
      }
    }
  }

  private List<Cell> exclude(List<Cell> product, List<Selector> excludes) {
    List<Cell> remaining = new ArrayList<>(product);
    for (Selector exclude : excludes) {
      Map<String, Located> selector = exclude.values();
      if (product.stream().noneMatch(c -> c.matches(selector))) {
        problems.at(exclude.node(), "exclude entry matches no cell of the matrix");
      }
      remaining.removeIf(c -> c.matches(selector));
    }
    return remaining;
  }

  private List<Cell> include(List<Cell> remaining, List<Selector> includes, Set<String> dimensionKeys) {
    List<Map<String, Located>> extended = new ArrayList<>();
    remaining.forEach(c -> extended.add(new LinkedHashMap<>(c.values())));
    List<Cell> added = new ArrayList<>();
    for (Selector include : includes) {
      Map<String, Located> matrixValues = new LinkedHashMap<>(include.values());
      matrixValues.keySet().retainAll(dimensionKeys);
      boolean matched = false;
      for (int i = 0; i < remaining.size(); i++) {
        if (remaining.get(i).matches(matrixValues)) { // compare with the original values, not added ones
          matched = true;
          for (Setting s : include.settings()) {
            if (!dimensionKeys.contains(s.key().name())) {
              extended.get(i).put(s.key().name(), s.value());
            }
          }
        }
      }
      if (!matched) {
        newCell(include).ifPresent(added::add);
      }
    }
    List<Cell> cells = new ArrayList<>();
    extended.forEach(values -> cells.add(dropInapplicable(new Cell(values))));
    cells.addAll(added);
    return cells;
  }

  private Optional<Cell> newCell(Selector include) {
    Cell cell = new Cell(include.values());
    String architecture = cell.architecture();
    if (architecture == null) {
      problems.at(include.node(), "include entry matches no cell and names no architecture, "
          + "so it cannot be a cell of its own");
      return Optional.empty();
    }
    boolean ok = true;
    for (Setting s : include.settings()) {
      if (s.key().isHyperParameter() && !s.key().architecture().equals(architecture)) {
        problems.at(s.keyNode(), "'" + s.key().name() + "' does not apply to architecture '" + architecture + "'");
        ok = false;
      }
    }
    return ok ? Optional.of(cell) : Optional.empty();
  }

  private List<Cell> finish(List<Cell> cells, List<String> keyOrder, MatrixSpec spec) {
    List<Cell> finished = new ArrayList<>();
    for (Cell cell : cells) {
      if (cell.architecture() == null) {
        problems.at(spec.node(), "cell " + cell + " has no architecture: add 'architecture' to the matrix, "
            + "or to an include entry that matches it");
        continue;
      }
      Map<String, Located> ordered = new LinkedHashMap<>();
      for (String key : keyOrder) {
        if (cell.values().containsKey(key)) {
          ordered.put(key, cell.values().get(key));
        }
      }
      finished.add(new Cell(ordered));
    }
    List<Cell> distinct = distinct(finished);
    if (cells.isEmpty() && !spec.excludes().isEmpty()) {
      problems.at(spec.node(), "the matrix has no cells: every combination is excluded");
    }
    return distinct;
  }

  /** Architecture first, then the dimensions in file order, then keys that only include entries add. */
  private static List<String> keyOrder(MatrixSpec spec) {
    Set<String> order = new LinkedHashSet<>();
    order.add(MatrixKey.ARCHITECTURE);
    spec.dimensions().forEach(d -> order.add(d.key().name()));
    spec.includes().forEach(i -> i.settings().forEach(s -> order.add(s.key().name())));
    return new ArrayList<>(order);
  }

  /** Removes hyper-parameter keys of other architectures than the cell's. */
  private static Cell dropInapplicable(Cell cell) {
    String architecture = cell.architecture();
    if (architecture == null) {
      return cell;
    }
    Map<String, Located> values = new LinkedHashMap<>(cell.values());
    values.keySet().removeIf(k -> !k.equals(MatrixKey.ARCHITECTURE) && k.indexOf('.') > 0
        && !TrainingSettings.keys().contains(k) && !k.startsWith(architecture + "."));
    return new Cell(values);
  }

  private static List<Cell> distinct(List<Cell> cells) {
    Map<Map<String, Object>, Cell> byValues = new LinkedHashMap<>();
    cells.forEach(c -> byValues.putIfAbsent(c.plain(), c));
    return new ArrayList<>(byValues.values());
  }
}
