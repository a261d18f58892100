package dev.convbench.training;

/**
 * Training-time augmentation, applied per image inside the graph.
 *
 * @param randomCrop random 32×32 crop of the image zero-padded by {@code padding} pixels on each side
 * @param padding padding for the random crop, 0–16
 * @param horizontalFlip flip each image left-right with probability 0.5
 * @param normalize subtract the CIFAR-10 per-channel mean and divide by its standard deviation (train and test)
 */
public record AugmentationConfig(boolean randomCrop, int padding, boolean horizontalFlip, boolean normalize) {

  public AugmentationConfig {
    if (padding < 0 || padding > 16) {
      throw new IllegalArgumentException("padding must be 0..16: " + padding);
    }
  }

  /** Crop with 4-pixel padding, flip, normalise: the usual CIFAR-10 recipe. */
  public static AugmentationConfig standard() {
    return new AugmentationConfig(true, 4, true, true);
  }

  /** Normalisation only. */
  public static AugmentationConfig none() {
    return new AugmentationConfig(false, 4, false, true);
  }
}
