package dev.convbench.results;

/**
 * The optimizer of a run ({@code spec.training.optimizer}): one flat object with every optimizer's fields, those of
 * the optimizers not used at their defaults, as every version has written it.
 *
 * @param type {@code sgd} or {@code adam}
 * @param learningRate the peak learning rate
 * @param momentum SGD's momentum
 * @param nesterov whether SGD used Nesterov momentum
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's epsilon
 */
public record OptimizerParameters(String type, double learningRate, double momentum, boolean nesterov, double beta1,
    double beta2, double epsilon) {}
