package dev.berth.web.inference;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import dev.berth.image.ImageSpec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the model lives and how to talk to it ({@code berth.ml.*}; values and their
 * environment variables are documented in application.yml).
 *
 * @param baseUrl the ml service, e.g. {@code http://ml:8080}
 * @param model the model name in the ml service's model repository
 * @param inputName the name of the model's input tensor
 * @param inputShape the shape the 28x28 image is sent as, e.g. {@code [1, 1, 28, 28]} for
 * a CNN
 * @param outputName the output tensor holding the class scores; blank takes the first
 * output
 * @param output whether that output holds logits (softmax applied here) or probabilities
 * @param connectTimeout how long to wait for a TCP connection to the ml service
 * @param readTimeout how long to wait for an answer once connected
 * @param image how a picture becomes the model's input (the same keys as the
 * {@code image:} block of the model's config.yml in ml's model repository)
 * @param circuit when calls stop going to an ml service that keeps failing
 */
@Validated
@ConfigurationProperties("berth.ml")
public record MlProperties(@NotNull URI baseUrl, @NotBlank String model, @NotBlank String inputName,
		@NotEmpty List<Integer> inputShape, String outputName, @NotNull Output output, @NotNull Duration connectTimeout,
		@NotNull Duration readTimeout, @NotNull @Valid Image image, @NotNull @Valid Circuit circuit) {

	/**
	 * The circuit breaker around the ml client: once {@code failureRate} percent of the
	 * last {@code window} calls (at least {@code minimumCalls}) found ml unavailable,
	 * calls fail at once for {@code openFor}; then a few trial calls decide whether to
	 * close it.
	 */
	public record Circuit(@Positive int window, @Positive int minimumCalls, @Positive float failureRate,
			@NotNull Duration openFor) {
	}

	/**
	 * The picture recipe; channels, height and width come from {@code inputShape}.
	 *
	 * @param resize {@code digit} (MNIST's recipe) or {@code stretch}
	 * @param digitBox with {@code digit}, the square the ink is fitted into
	 * @param invert {@code auto}: light backgrounds are inverted (dark ink on paper)
	 * @param mean per channel, subtracted from values in 0..1
	 * @param std per channel, divided by
	 */
	public record Image(@NotNull ImageSpec.Resize resize, @Positive int digitBox, @NotNull ImageSpec.Invert invert,
			@NotEmpty List<Double> mean, @NotEmpty List<Double> std) {
	}

	/** The picture recipe as the shared preprocessing takes it. */
	public ImageSpec imageSpec() {
		int rank = inputShape.size();
		int channels = rank >= 3 ? inputShape.get(rank - 3) : 1;
		return new ImageSpec(channels, inputShape.get(rank - 1), inputShape.get(rank - 2), image.resize(),
				image.digitBox(), image.invert(), image.mean().stream().mapToDouble(Double::doubleValue).toArray(),
				image.std().stream().mapToDouble(Double::doubleValue).toArray());
	}

	/** What the model's output tensor holds. */
	public enum Output {

		/** Unnormalised scores; the client applies softmax. */
		LOGITS,

		/**
		 * Probabilities per class already; the client only renormalises float rounding.
		 */
		PROBABILITIES

	}

}
