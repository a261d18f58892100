package dev.convbench.training;

/**
 * The result of evaluating a set of images in inference mode.
 *
 * @param loss mean cross-entropy
 * @param accuracy fraction classified correctly
 * @param confusion {@code confusion[trueLabel][predictedLabel]} counts
 */
record Evaluation(double loss, double accuracy, long[][] confusion) {
}
