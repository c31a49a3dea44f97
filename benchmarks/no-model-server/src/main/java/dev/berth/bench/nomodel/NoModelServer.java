package dev.berth.bench.nomodel;

import java.util.List;
import java.util.Map;

import dev.berth.ml.inference.InvalidInputException;
import dev.berth.ml.inference.Tensor;
import dev.berth.ml.inference.TensorDataType;
import dev.berth.ml.protocol.InferenceJsonConverter;
import dev.berth.ml.protocol.InferenceObservationConfiguration;
import dev.berth.ml.protocol.InferenceRequest;
import dev.berth.ml.protocol.InferenceResponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The no-model ceiling of ml-service's web stack: the same Spring MVC + actuator stack,
 * ml-service's own request and response classes, streaming JSON converter (its request
 * reader included) and exclusion of inference requests from Spring's http.server.requests
 * observation (from its jar), the same conversion of each input to a checked tensor, and
 * a fixed response of the shape ml-service returns for one digit. Only the forward pass
 * is missing. No component scan, so nothing else of ml-service can slip into this server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
@Import({ InferenceJsonConverter.class, InferenceObservationConfiguration.class })
public class NoModelServer {

	// Logits as the mnist model returns them for a 7: ten floats, as many digits as real
	// ones.
	private static final float[] LOGITS = { -4.1733f, -1.0862f, 2.3158f, 3.5513f, -6.8311f, -2.9137f, -14.3052f,
			14.2206f, -3.5907f, 2.0745f };

	// Written so that the JIT cannot drop the conversion below as dead code.
	private volatile float sink;

	public static void main(String[] args) {
		SpringApplication.run(NoModelServer.class, args);
	}

	@PostMapping({ "/v2/models/{model}/infer", "/v2/models/{model}/versions/{version}/infer" })
	InferenceResponse infer(@PathVariable String model, @PathVariable(required = false) String version,
			@RequestBody InferenceRequest request) {
		float checksum = 0;
		for (InferenceRequest.Input input : request.inputs()) {
			Tensor tensor = input.toTensor();
			if (tensor.datatype() != TensorDataType.FP32 || tensor.elementCount() == 0) {
				throw new InvalidInputException("input must be FP32 numbers");
			}
			float[] values = (float[]) tensor.data();
			checksum += values[values.length / 2];
		}
		sink = checksum;
		return new InferenceResponse(model, version == null ? "1" : version, request.id(),
				List.of(new InferenceResponse.Output("output__0", "FP32", new long[] { 1, LOGITS.length }, LOGITS)));
	}

	@GetMapping("/v2/health/ready")
	void ready() {
		// Ready as soon as the web server is.
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Map<String, String>> invalidInput(InvalidInputException e) {
		return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
	}

}
