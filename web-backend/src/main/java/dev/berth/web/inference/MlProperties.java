package dev.berth.web.inference;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

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
 */
@Validated
@ConfigurationProperties("berth.ml")
public record MlProperties(@NotNull URI baseUrl, @NotBlank String model, @NotBlank String inputName,
		@NotEmpty List<Integer> inputShape, String outputName, @NotNull Output output, @NotNull Duration connectTimeout,
		@NotNull Duration readTimeout) {

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
