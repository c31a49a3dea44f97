package dev.berth.web.inference;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

import dev.berth.web.system.RequestId;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequest;
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

	private final RestClient probe;

	private final MlProperties ml;

	private final CircuitBreaker circuit;

	public InferenceClient(RestClient.Builder builder, MlProperties ml, CircuitBreaker circuit) {
		this.ml = ml;
		this.circuit = circuit;
		// HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-HTTP
		// request.
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(ml.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(client);
		requestFactory.setReadTimeout(ml.readTimeout());
		// Buffered, so the request carries a Content-Length: not every inference server
		// accepts a chunked body, and a 784-float request is only a few kilobytes.
		this.http = builder.clone()
			.baseUrl(ml.baseUrl().toString())
			.requestInitializer(InferenceClient::passRequestId)
			.requestFactory(new BufferingClientHttpRequestFactory(requestFactory))
			.build();
		JdkClientHttpRequestFactory probeFactory = new JdkClientHttpRequestFactory(client);
		probeFactory.setReadTimeout(ml.connectTimeout());
		this.probe = builder.clone()
			.baseUrl(ml.baseUrl().toString())
			.requestInitializer(InferenceClient::passRequestId)
			.requestFactory(probeFactory)
			.build();
	}

	/**
	 * Tells ml which request (or batch job) a call is for, so its log lines can be found
	 * with ours.
	 */
	private static void passRequestId(ClientHttpRequest request) {
		String requestId = RequestId.current();
		if (requestId != null) {
			request.getHeaders().set(RequestId.HEADER, requestId);
		}
	}

	/**
	 * Whether ml says the model is ready ({@code GET /v2/models/{model}/ready}), asked
	 * with the connect timeout as the whole budget: a probe must not hang.
	 */
	public boolean isModelReady() {
		try {
			return probe.get()
				.uri("/v2/models/{model}/ready", ml.model())
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.is2xxSuccessful();
		}
		catch (RestClientException ex) {
			return false;
		}
	}

	/**
	 * Classifies one image.
	 * @param image the model input, row-major, values in 0..1, as many as one item of
	 * {@code inputShape} holds
	 * @return the probabilities per label and the model that produced them
	 * @throws InferenceUnavailableException when ml cannot be reached, times out or is
	 * not ready
	 * @throws InferenceFailedException when ml answers with something that is not a
	 * classification
	 */
	public Classification classify(float[] image) {
		return classifyAll(List.of(image)).get(0);
	}

	/**
	 * Classifies several images in one V2 request whose first (batch) dimension is their
	 * count: one HTTP round trip and, on ml's side, one forward pass. Callers keep
	 * batches within the model's {@code max_batch_size} (64 for mnist).
	 * @param images model inputs of equal size
	 * @return one classification per image, in their order
	 * @throws InferenceUnavailableException when ml cannot be reached, times out or is
	 * not ready
	 * @throws InferenceFailedException when ml answers with something that is not a
	 * classification per image
	 */
	public List<Classification> classifyAll(List<float[]> images) {
		if (images.isEmpty()) {
			return List.of();
		}
		try {
			return circuit.executeSupplier(() -> call(images));
		}
		catch (CallNotPermittedException ex) {
			throw unavailable("the circuit breaker is open: ml failed recently", ex);
		}
	}

	private List<Classification> call(List<float[]> images) {
		int itemSize = images.get(0).length;
		float[] data = new float[itemSize * images.size()];
		for (int i = 0; i < images.size(); i++) {
			float[] image = images.get(i);
			if (image.length != itemSize) {
				throw new IllegalArgumentException("images differ in size: " + image.length + " and " + itemSize);
			}
			System.arraycopy(image, 0, data, i * itemSize, itemSize);
		}
		List<Integer> shape = new ArrayList<>(ml.inputShape());
		shape.set(0, images.size());
		InferRequest request = new InferRequest(List.of(new InferInput(ml.inputName(), shape, "FP32", data)));
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
			// 4xx, e.g. 404 for a model name ml does not serve, is a configuration
			// mismatch that retrying will not fix.
			if (ex.getStatusCode().is5xxServerError()
					|| ex.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				throw unavailable(reason, ex);
			}
			throw failed(reason, ex);
		}
		catch (RestClientException ex) {
			throw failed("unreadable ml response: " + ex.getMessage(), ex);
		}
		return toClassifications(response, images.size());
	}

	private List<Classification> toClassifications(InferResponse response, int count) {
		if (response == null || response.outputs() == null || response.outputs().isEmpty()) {
			throw failed("ml response has no outputs", null);
		}
		InferOutput output = response.outputs()
			.stream()
			.filter(o -> ml.outputName() == null || ml.outputName().isBlank() || ml.outputName().equals(o.name()))
			.findFirst()
			.orElseThrow(() -> failed("ml response has no output named '" + ml.outputName() + "'", null));
		double[] scores = output.data();
		int labels = scores == null ? 0 : scores.length / count;
		if (labels < 2 || scores.length != labels * count) {
			throw failed("ml output '" + output.name() + "' holds " + (scores == null ? 0 : scores.length)
					+ " values for " + count + " image(s); a classifier needs at least 2 per image", null);
		}
		for (double score : scores) {
			if (!Double.isFinite(score)) {
				throw failed("ml output '" + output.name() + "' holds a non-finite value", null);
			}
		}
		String modelName = blankToDefault(response.modelName(), ml.model());
		String modelVersion = blankToDefault(response.modelVersion(), "unknown");
		List<Classification> classifications = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			double[] row = Arrays.copyOfRange(scores, i * labels, (i + 1) * labels);
			double[] probabilities = switch (ml.output()) {
				case LOGITS -> Probabilities.softmax(row);
				case PROBABILITIES -> Probabilities.normalise(row);
			};
			if (probabilities == null) {
				throw failed("ml output '" + output.name() + "' is not a probability distribution", null);
			}
			classifications.add(new Classification(modelName, modelVersion, probabilities));
		}
		return classifications;
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

	record InferInput(String name, List<Integer> shape, String datatype,
			@JsonSerialize(using = PixelValuesSerializer.class) float[] data) {
	}

	/**
	 * Writes model inputs as JSON numbers, each exactly as Jackson would, but with the
	 * text of the 256 values an 8-bit pixel can have (k / 255) looked up instead of
	 * formatted: stored pictures are 8-bit, and formatting 784 floats per picture was the
	 * largest cost of a batch job's ml call.
	 */
	static final class PixelValuesSerializer extends ValueSerializer<float[]> {

		private static final String[] EIGHT_BIT = new String[256];

		static {
			for (int k = 0; k < EIGHT_BIT.length; k++) {
				EIGHT_BIT[k] = Float.toString(k / 255f);
			}
		}

		@Override
		public void serialize(float[] values, JsonGenerator json, SerializationContext context) {
			json.writeStartArray(values, values.length);
			for (float value : values) {
				int k = Math.round(value * 255);
				if (k >= 0 && k < EIGHT_BIT.length && value == k / 255f) {
					json.writeNumber(EIGHT_BIT[k]);
				}
				else {
					json.writeNumber(value);
				}
			}
			json.writeEndArray();
		}

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
