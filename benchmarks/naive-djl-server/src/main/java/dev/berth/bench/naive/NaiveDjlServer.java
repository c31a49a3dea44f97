package dev.berth.bench.naive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline ml-service is measured against: the DJL server most users write. One
 * ZooModel loaded with Criteria, a Translator from float[] to float[], and a new
 * Predictor per request (Predictors are not thread-safe). Requests and responses have the
 * Open Inference Protocol's JSON shape for one 28x28 image; nothing is validated beyond
 * what Jackson and DJL do anyway.
 */
@SpringBootApplication
@RestController
public class NaiveDjlServer implements DisposableBean {

	private final ZooModel<float[], float[]> model;

	NaiveDjlServer(@Value("${naive.model}") Path modelFile)
			throws ModelNotFoundException, MalformedModelException, IOException {
		this.model = Criteria.builder()
			.setTypes(float[].class, float[].class)
			.optModelPath(modelFile)
			.optEngine("PyTorch")
			.optTranslator(new DigitTranslator())
			.build()
			.loadModel();
	}

	public static void main(String[] args) {
		SpringApplication.run(NaiveDjlServer.class, args);
	}

	@PostMapping("/v2/models/{name}/infer")
	InferResponse infer(@PathVariable String name, @RequestBody InferRequest request) throws TranslateException {
		try (Predictor<float[], float[]> predictor = model.newPredictor()) {
			float[] logits = predictor.predict(request.inputs().get(0).data());
			return new InferResponse(name, "1", request.id(),
					List.of(new Output("output__0", "FP32", new long[] { 1, logits.length }, logits)));
		}
	}

	@GetMapping("/v2/health/ready")
	void ready() {
		// Answers once the constructor has loaded the model.
	}

	@Override
	public void destroy() {
		model.close();
	}

	record InferRequest(String id, List<Input> inputs) {
	}

	record Input(String name, long[] shape, String datatype, float[] data) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record InferResponse(@JsonProperty("model_name") String modelName,
			@JsonProperty("model_version") String modelVersion, String id, List<Output> outputs) {
	}

	record Output(String name, String datatype, long[] shape, float[] data) {
	}

	/**
	 * 784 pixels in, 10 logits out; DJL's default batchifier adds the batch dimension.
	 */
	static final class DigitTranslator implements Translator<float[], float[]> {

		@Override
		public NDList processInput(TranslatorContext ctx, float[] pixels) {
			return new NDList(ctx.getNDManager().create(pixels, new Shape(1, 28, 28)));
		}

		@Override
		public float[] processOutput(TranslatorContext ctx, NDList list) {
			return list.singletonOrThrow().toFloatArray();
		}

	}

}
