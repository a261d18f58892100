package dev.convbench.experiment;

/**
 * A key that a matrix can vary and that include/exclude entries can name: {@code architecture}, a training setting
 * such as {@code optimizer.lr}, or a hyper-parameter as {@code <architecture>.<parameter>}.
 *
 * @param name the key as written in the file (always the flat dotted form)
 * @param reader validates and converts one value
 * @param architecture for a hyper-parameter key, the architecture it belongs to; otherwise null
 * @param listValued whether one value is itself a list (an integer-list hyper-parameter)
 */
record MatrixKey(String name, ValueReader reader, String architecture, boolean listValued) {

  static final String ARCHITECTURE = "architecture";

  boolean isArchitecture() {
    return name.equals(ARCHITECTURE);
  }

  boolean isHyperParameter() {
    return architecture != null;
  }

  boolean isTrainingSetting() {
    return !isArchitecture() && !isHyperParameter();
  }

  /** The hyper-parameter's own name, e.g. {@code depth} for {@code resnet.depth}. */
  String parameter() {
    return name.substring(architecture.length() + 1);
  }
}
