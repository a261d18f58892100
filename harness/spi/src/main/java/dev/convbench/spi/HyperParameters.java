package dev.convbench.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated hyper-parameter values of one architecture, defaults filled in, read with the declared
 * {@link HyperParameter} as key: {@code int depth = params.get(DEPTH)}. Reading a parameter the architecture did not
 * declare fails loudly, which catches a key missing from {@link ArchitecturePlugin#hyperParameters()}.
 */
@Stable
public final class HyperParameters {

  private final Map<String, HyperParameter<?>> declared;
  private final Map<String, Object> values;

  private HyperParameters(Map<String, HyperParameter<?>> declared, Map<String, Object> values) {
    this.declared = declared;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Resolves supplied values against the declared parameters: each is read by {@link HyperParameter#value(Object)},
   * defaults fill the gaps.
   *
   * @param supplied values by parameter name, as a parser produced them
   * @throws IllegalArgumentException naming every unknown or invalid value, e.g.
   *     {@code depth must be one of 18, 34, got 50; unknown hyper-parameter dept}, or a name declared twice
   */
  public static HyperParameters resolve(List<? extends HyperParameter<?>> declared, Map<String, ?> supplied) {
    Map<String, HyperParameter<?>> byName = new LinkedHashMap<>();
    Map<String, Object> values = new LinkedHashMap<>();
    StringBuilder problems = new StringBuilder();
    for (HyperParameter<?> p : declared) {
      if (byName.putIfAbsent(p.name(), p) != null) {
        throw new IllegalArgumentException("hyper-parameter " + p.name() + " is declared twice");
      }
      if (supplied.containsKey(p.name())) {
        try {
          values.put(p.name(), p.value(supplied.get(p.name())));
        } catch (IllegalArgumentException e) {
          problems.append("; ").append(p.name()).append(' ').append(e.getMessage());
        }
      } else {
        values.put(p.name(), p.defaultValue());
      }
    }
    for (String key : supplied.keySet()) {
      if (!byName.containsKey(key)) {
        problems.append("; unknown hyper-parameter ").append(key);
      }
    }
    if (problems.length() > 0) {
      throw new IllegalArgumentException(problems.substring(2));
    }
    return new HyperParameters(byName, values);
  }

  /** The defaults of the declared parameters. */
  public static HyperParameters defaults(List<? extends HyperParameter<?>> declared) {
    return resolve(declared, Map.of());
  }

  /**
   * The value of {@code parameter}.
   *
   * @throws IllegalArgumentException when the architecture did not declare {@code parameter}: no parameter of that
   *     name, or one declared otherwise (another type, default, range…)
   */
  public <T> T get(HyperParameter<T> parameter) {
    HyperParameter<?> declaredAs = declared.get(parameter.name());
    if (declaredAs == null) {
      throw new IllegalArgumentException("hyper-parameter '" + parameter.name() + "' is read but not declared; list "
          + "it in hyperParameters() (declared: " + (declared.isEmpty() ? "none" : String.join(", ",
              declared.keySet())) + ")");
    }
    if (!declaredAs.equals(parameter)) {
      throw new IllegalArgumentException("hyper-parameter '" + parameter.name() + "' is read as " + parameter
          + " but declared as " + declaredAs + "; read it with the constant hyperParameters() lists");
    }
    // resolve() stored what the declared parameter, equal to this one, read: a T.
    @SuppressWarnings("unchecked")
    T value = (T) values.get(parameter.name());
    return value;
  }

  /** All values in declaration order. */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
