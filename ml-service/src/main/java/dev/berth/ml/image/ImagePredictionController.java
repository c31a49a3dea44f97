package dev.berth.ml.image;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.berth.image.ImageDecoder;
import dev.berth.image.ImageDecodingException;
import dev.berth.image.ImagePreprocessor;
import dev.berth.ml.inference.InvalidInputException;
import dev.berth.ml.inference.ModelBusyException;
import dev.berth.ml.inference.Tensor;
import dev.berth.ml.repository.ImageConfig;
import dev.berth.ml.repository.ModelLease;
import dev.berth.ml.repository.ModelNotReadyException;
import dev.berth.ml.repository.ModelRegistry;
import dev.berth.ml.repository.ServedModel;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /predictions/{model}[/{version}]?topk=5}: a picture in, the most likely
 * labels out. PUT works too, as {@code curl -T picture.png} sends it. Without a version
 * the default (highest ready) version answers.
 */
@RestController
class ImagePredictionController {

	static final int DEFAULT_TOP_K = 5;

	private final ModelRegistry registry;

	private final ImageProperties properties;

	// Pictures wait this long for room in the decoding budget before a 503.
	private final ImageDecoder decoder = new ImageDecoder(Duration.ofSeconds(2));

	ImagePredictionController(ModelRegistry registry, ImageProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	@RequestMapping(path = { "/predictions/{model}", "/predictions/{model}/{version}" },
			method = { RequestMethod.POST, RequestMethod.PUT })
	PredictionResponse predict(@PathVariable String model, @PathVariable(required = false) String version,
			HttpServletRequest request) {
		// From the query string only: request.getParameter would swallow a form-encoded
		// body.
		int topk = topk(request.getQueryString());
		imageConfig(registry.model(model));
		byte[] bytes = ImageUploads.read(request, properties.maxBytes().toBytes());
		// Decoded before the lease: a slow decode, or a wait for the decoding budget,
		// never holds up
		// a hot reload of the version.
		try (ImageDecoder.Decoded decoded = decode(bytes); ModelLease lease = registry.acquire(model, version)) {
			ImageConfig.Spec spec = spec(model, lease);
			double[] pixels = ImagePreprocessor.toInput(decoded.image(), spec.image());
			Tensor input = Tensor.fromValues(spec.input(), spec.datatype(), spec.shape(), pixels);
			double[] scores = toDoubles(lease.model().infer(List.of(input)).get(0).data());
			return new PredictionResponse(model, lease.version().version(),
					PredictionResponse.top(scores, spec.softmax(), lease.version().labels(), topk));
		}
	}

	private ImageDecoder.Decoded decode(byte[] bytes) {
		try {
			return decoder.decode(bytes, properties.maxPixels());
		}
		catch (ImageDecodingException e) {
			throw switch (e.reason()) {
				case NOT_AN_IMAGE -> new ImageRejectedException(HttpStatus.BAD_REQUEST,
						"the body is " + e.getMessage() + ": " + ImageUploads.ACCEPTED);
				case CORRUPT -> new ImageRejectedException(HttpStatus.BAD_REQUEST, e.getMessage());
				case TOO_MANY_PIXELS -> new ImageRejectedException(HttpStatus.PAYLOAD_TOO_LARGE,
						e.getMessage() + " (berth.ml.image.max-pixels)");
				case BUSY -> new ModelBusyException(e.getMessage());
			};
		}
	}

	private static ImageConfig imageConfig(ServedModel served) {
		if (served.configError() != null) {
			throw new ModelNotReadyException(
					"model '%s' is not ready: %s".formatted(served.name(), served.configError()));
		}
		if (served.config().image() == null) {
			throw new InvalidInputException(("model '%s' takes no pictures: its config.yml has no 'image:' block"
					+ " (use /v2/models/%s/infer)")
				.formatted(served.name(), served.name()));
		}
		return served.config().image();
	}

	/**
	 * The image settings for the leased version; its model's config can change under a
	 * hot reload.
	 */
	private ImageConfig.Spec spec(String model, ModelLease lease) {
		try {
			return imageConfig(registry.model(model)).resolve(lease.model().signature());
		}
		catch (IllegalArgumentException e) {
			throw new ModelNotReadyException("model '%s' is being reloaded; retry".formatted(model));
		}
	}

	static int topk(String query) {
		if (query == null) {
			return DEFAULT_TOP_K;
		}
		List<String> values = UriComponentsBuilder.newInstance().query(query).build().getQueryParams().get("topk");
		if (values == null || values.isEmpty()) {
			return DEFAULT_TOP_K;
		}
		String value = URLDecoder.decode(String.valueOf(values.get(0)), StandardCharsets.UTF_8);
		try {
			int topk = Integer.parseInt(value.strip());
			if (topk >= 1) {
				return topk;
			}
		}
		catch (NumberFormatException e) {
			// Answered below.
		}
		throw new InvalidInputException("'topk' must be a whole number of at least 1, not '%s'".formatted(value));
	}

	private static double[] toDoubles(Object data) {
		if (data instanceof float[] floats) {
			double[] result = new double[floats.length];
			for (int i = 0; i < floats.length; i++) {
				result[i] = floats[i];
			}
			return result;
		}
		if (data instanceof double[] doubles) {
			return doubles;
		}
		throw new IllegalStateException("class scores must be FP32 or FP64 (checked when config.yml is read)");
	}

}
