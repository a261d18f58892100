package dev.convbench.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hyper-parameter options written compactly in test tables: {@code "depth=34; stem=imagenet; blocks=[1,2]"}. */
final class Options {

  private Options() {}

  /** {@code "depth=34; stem=imagenet; blocks=[1,2]"} → typed values as YAML would give them; null → none. */
  static Map<String, Object> parse(String options) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (options == null || options.isBlank()) {
      return values;
    }
    for (String pair : options.split(";")) {
      String[] kv = pair.split("=", 2);
      values.put(kv[0].trim(), value(kv[1].trim()));
    }
    return values;
  }

  private static Object value(String v) {
    if (v.startsWith("[")) {
      List<Object> list = new ArrayList<>();
      for (String element : v.substring(1, v.length() - 1).split(",")) {
        list.add(value(element.trim()));
      }
      return list;
    }
    if (v.matches("-?\\d+")) {
      return Integer.valueOf(v);
    }
    if (v.matches("-?\\d*\\.\\d+")) {
      return Double.valueOf(v);
    }
    if (v.equals("true") || v.equals("false")) {
      return Boolean.valueOf(v);
    }
    return v;
  }
}
