package dev.convbench.results;

/**
 * The content of {@code <run>/model/model.json}, next to the SavedModel ({@code saved_model.pb}, {@code variables/})
 * of the network a run trained.
 *
 * @param kept {@code last} (the weights after the last epoch) or {@code best} (after the epoch with the highest
 *     evaluation accuracy)
 * @param epoch the epoch whose weights these are
 * @param testAccuracy the evaluation accuracy recorded after that epoch, in [0, 1]
 * @param signature the serving signature's key
 * @param input its input: {@code uint8 [n, 32, 32, 3]} RGB pixels, height × width × channel, 0–255
 * @param output its output: {@code float32 [n, 10]} logits
 */
public record ModelRecord(String kept, int epoch, double testAccuracy, String signature, String input,
    String output) {}
