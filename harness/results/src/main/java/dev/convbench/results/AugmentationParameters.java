package dev.convbench.results;

/**
 * The training-time augmentation of a run ({@code spec.training.augmentation}).
 *
 * @param randomCrop random 32×32 crops of the zero-padded image
 * @param padding the padding of the random crop, in pixels
 * @param horizontalFlip left-right flips with probability 0.5
 * @param normalize per-channel normalisation with CIFAR-10's mean and standard deviation (training and evaluation)
 */
public record AugmentationParameters(boolean randomCrop, int padding, boolean horizontalFlip, boolean normalize) {}
