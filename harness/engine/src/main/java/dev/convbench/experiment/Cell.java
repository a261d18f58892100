package dev.convbench.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One cell of an expanded matrix: a value for each of its keys, {@code architecture} first.
 *
 * @param values key → value with its position, in display order
 */
record Cell(Map<String, Located> values) {

  Cell {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The architecture, or null while an include entry has yet to supply it. */
  String architecture() {
    Located a = values.get(MatrixKey.ARCHITECTURE);
    return a == null ? null : (String) a.value();
  }

  /** The values without positions, in display order; this is what identifies the cell. */
  Map<String, Object> plain() {
    Map<String, Object> plain = new LinkedHashMap<>();
    values.forEach((k, v) -> plain.put(k, v.value()));
    return Collections.unmodifiableMap(plain);
  }

  /** Whether the cell has every given key with an equal value. */
  boolean matches(Map<String, Located> selector) {
    for (Map.Entry<String, Located> e : selector.entrySet()) {
      Located mine = values.get(e.getKey());
      if (mine == null || !Objects.equals(mine.value(), e.getValue().value())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    values.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=')
        .append(Scalars.format(v.value())));
    return b.append('}').toString();
  }
}
