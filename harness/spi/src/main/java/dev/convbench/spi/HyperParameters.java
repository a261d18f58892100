package dev.convbench.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated hyper-parameter values of one architecture, defaults filled in. Typed getters fail loudly on a name the
 * plugin did not declare, which catches typos in plugin code.
 */
@Stable
public final class HyperParameters {

  private final Map<String, Object> values;

  private HyperParameters(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Resolves user-supplied values against the declared parameters: defaults fill the gaps.
   *
   * @throws IllegalArgumentException naming every unknown or invalid value
   */
  public static HyperParameters resolve(List<HyperParameter> declared, Map<String, ?> supplied) {
    Map<String, Object> values = new LinkedHashMap<>();
    StringBuilder problems = new StringBuilder();
    for (HyperParameter p : declared) {
      Object v = supplied.containsKey(p.name()) ? supplied.get(p.name()) : p.defaultValue();
      p.check(v).ifPresent(problem -> problems.append("; ").append(p.name()).append(' ').append(problem));
      values.put(p.name(), v);
    }
    for (String key : supplied.keySet()) {
      if (declared.stream().noneMatch(p -> p.name().equals(key))) {
        problems.append("; unknown hyper-parameter ").append(key);
      }
    }
    if (problems.length() > 0) {
      throw new IllegalArgumentException(problems.substring(2));
    }
    return new HyperParameters(values);
  }

  /** The defaults of the declared parameters. */
  public static HyperParameters defaults(List<HyperParameter> declared) {
    return resolve(declared, Map.of());
  }

  public int getInt(String name) {
    return ((Number) get(name)).intValue();
  }

  public double getDouble(String name) {
    return ((Number) get(name)).doubleValue();
  }

  public boolean getBoolean(String name) {
    return (Boolean) get(name);
  }

  public String getString(String name) {
    return (String) get(name);
  }

  public List<Integer> getIntList(String name) {
    return ((List<?>) get(name)).stream().map(o -> ((Number) o).intValue()).toList();
  }

  /** All values in declaration order. */
  public Map<String, Object> asMap() {
    return values;
  }

  private Object get(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("undeclared hyper-parameter: " + name + " (declared: " + values.keySet() + ")");
    }
    return values.get(name);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
