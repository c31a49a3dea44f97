package dev.berth.web.inference;

import java.net.http.HttpClient;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Classifies images with the ml service's Open Inference Protocol V2 REST endpoint,
 * {@code POST /v2/models/{model}/infer}.
 */
@Component
public class InferenceClient {

	private final RestClient http;

	private final MlProperties ml;

	public InferenceClient(RestClient.Builder builder, MlProperties ml) {
		this.ml = ml;
		// HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-HTTP
		// request.
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(ml.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(client);
		requestFactory.setReadTimeout(ml.readTimeout());
		// Buffered, so the request carries a Content-Length: not every inference server
		// accepts a
		// chunked body, and a 784-float request is only a few kilobytes.
		this.http = builder.baseUrl(ml.baseUrl().toString())
			.requestFactory(new BufferingClientHttpRequestFactory(requestFactory))
			.build();
	}

	/**
	 * Classifies one image.
	 * @param image the model input, row-major, values in 0..1, as many as
	 * {@code inputShape} holds
	 * @return the probabilities per label and the model that produced them
	 * @throws InferenceUnavailableException when ml cannot be reached, times out or is
	 * not ready
	 * @throws InferenceFailedException when ml answers with something that is not a
	 * classification
	 */
	public Classification classify(float[] image) {
		InferRequest request = new InferRequest(
				List.of(new InferInput(ml.inputName(), ml.inputShape(), "FP32", image)));
		InferResponse response;
		try {
			response = http.post()
				.uri("/v2/models/{model}/infer", ml.model())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(request)
				.retrieve()
				.body(InferResponse.class);
		}
		catch (ResourceAccessException ex) {
			throw unavailable("ml service unreachable or too slow: " + ex.getMessage(), ex);
		}
		catch (RestClientResponseException ex) {
			String reason = "ml service answered " + ex.getStatusCode() + ": " + ex.getResponseBodyAsString();
			// 5xx and 429 mean "not now" (loading, overloaded, restarting); any other
			// 4xx, e.g. 404 for
			// a model name ml does not serve, is a configuration mismatch that retrying
			// will not fix.
			if (ex.getStatusCode().is5xxServerError()
					|| ex.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				throw unavailable(reason, ex);
			}
			throw failed(reason, ex);
		}
		catch (RestClientException ex) {
			throw failed("unreadable ml response: " + ex.getMessage(), ex);
		}
		return toClassification(response);
	}

	private Classification toClassification(InferResponse response) {
		if (response == null || response.outputs() == null || response.outputs().isEmpty()) {
			throw failed("ml response has no outputs", null);
		}
		InferOutput output = response.outputs()
			.stream()
			.filter(o -> ml.outputName() == null || ml.outputName().isBlank() || ml.outputName().equals(o.name()))
			.findFirst()
			.orElseThrow(() -> failed("ml response has no output named '" + ml.outputName() + "'", null));
		double[] scores = output.data();
		if (scores == null || scores.length < 2) {
			throw failed("ml output '" + output.name() + "' holds " + (scores == null ? 0 : scores.length)
					+ " values; a classifier needs at least 2", null);
		}
		for (double score : scores) {
			if (!Double.isFinite(score)) {
				throw failed("ml output '" + output.name() + "' holds a non-finite value", null);
			}
		}
		double[] probabilities = switch (ml.output()) {
			case LOGITS -> Probabilities.softmax(scores);
			case PROBABILITIES -> Probabilities.normalise(scores);
		};
		if (probabilities == null) {
			throw failed("ml output '" + output.name() + "' is not a probability distribution", null);
		}
		String modelName = blankToDefault(response.modelName(), ml.model());
		String modelVersion = blankToDefault(response.modelVersion(), "unknown");
		return new Classification(modelName, modelVersion, probabilities);
	}

	private static String blankToDefault(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}

	// The reasons travel as the exceptions' causes; the web layer logs them with the
	// request.
	private static InferenceUnavailableException unavailable(String reason, Throwable cause) {
		return new InferenceUnavailableException(reason, cause);
	}

	private static InferenceFailedException failed(String reason, Throwable cause) {
		return new InferenceFailedException(reason, cause);
	}

	/** V2 inference request; only the fields this client sends. */
	record InferRequest(List<InferInput> inputs) {
	}

	record InferInput(String name, List<Integer> shape, String datatype, float[] data) {
	}

	/** V2 inference response; unknown fields (id, parameters, ...) are ignored. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record InferResponse(@JsonProperty("model_name") String modelName,
			@JsonProperty("model_version") String modelVersion, List<InferOutput> outputs) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record InferOutput(String name, List<Long> shape, String datatype, double[] data) {
	}

}
