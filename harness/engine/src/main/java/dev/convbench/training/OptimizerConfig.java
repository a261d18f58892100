package dev.convbench.training;

/**
 * Optimizer settings.
 *
 * @param type {@code sgd} (with optional momentum and Nesterov) or {@code adam}
 * @param learningRate peak learning rate (the schedule scales it)
 * @param momentum SGD momentum in [0, 1)
 * @param nesterov Nesterov momentum for SGD
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's epsilon
 */
public record OptimizerConfig(String type, double learningRate, double momentum, boolean nesterov, double beta1,
    double beta2, double epsilon) {

  public static final String SGD = "sgd";
  public static final String ADAM = "adam";

  public OptimizerConfig {
    if (!SGD.equals(type) && !ADAM.equals(type)) {
      throw new IllegalArgumentException("optimizer must be sgd or adam: " + type);
    }
    if (!(learningRate > 0) || momentum < 0 || momentum >= 1 || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1
        || !(epsilon > 0)) {
      throw new IllegalArgumentException("invalid optimizer settings: " + type + " lr=" + learningRate);
    }
  }

  public static OptimizerConfig defaults() {
    return new OptimizerConfig(SGD, 0.05, 0.9, true, 0.9, 0.999, 1e-8);
  }

  public OptimizerConfig withLearningRate(double lr) {
    return new OptimizerConfig(type, lr, momentum, nesterov, beta1, beta2, epsilon);
  }
}
