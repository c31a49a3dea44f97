package dev.berth.ml.protocol;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The no-model ceiling of ml-service's web stack: the same Spring MVC + actuator stack,
 * the same request and response classes, the same streaming JSON converter and the same
 * exclusion of inference requests from Spring's http.server.requests observation
 * (ml-service's own sources, which is why this class sits in their package: they are
 * package-private), the same per-input checks and double-to-float conversion, and a fixed
 * response of the shape ml-service returns for one digit. Only the forward pass is
 * missing. No component scan, so nothing else of ml-service's package can slip into this
 * server.
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
			if (!"FP32".equals(input.datatype()) || input.data().hasBooleans()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "input must be FP32 numbers");
			}
			double[] values = input.data().values();
			long expected = 1;
			for (Long dimension : input.shape()) {
				expected *= dimension;
			}
			if (values.length != expected) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "data does not match the shape");
			}
			// As ml-service's Tensor.fromValues: each value narrowed into a float[] and
			// range-checked.
			float[] floats = new float[values.length];
			for (int i = 0; i < values.length; i++) {
				floats[i] = (float) values[i];
				if (Float.isInfinite(floats[i]) && !Double.isInfinite(values[i])) {
					throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "value out of FP32 range");
				}
			}
			checksum += floats[floats.length / 2];
		}
		sink = checksum;
		return new InferenceResponse(model, version == null ? "1" : version, request.id(),
				List.of(new InferenceResponse.Output("output__0", "FP32", new long[] { 1, LOGITS.length }, LOGITS)));
	}

	@GetMapping("/v2/health/ready")
	void ready() {
		// Ready as soon as the web server is.
	}

}
