package dev.berth.web.inference;

/**
 * What the model said about one image.
 *
 * @param modelName the model that answered
 * @param modelVersion its version, as the ml service reports it
 * @param probabilities one probability per label (index = label), summing to 1
 */
public record Classification(String modelName, String modelVersion, double[] probabilities) {
}
