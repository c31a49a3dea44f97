package dev.berth.ml.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.Model;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Loads a TorchScript file with DJL's PyTorch engine, builds its predictors, warms them
 * up and puts a scheduler in front of them (in the server, the dynamic batcher with the
 * server-wide defaults, unless the caller passes per-model settings).
 */
@Component
public class TorchScriptModelLoader {

	private final PyTorchEngine engine;

	private final InferenceProperties properties;

	private final InferenceSchedulerFactory defaultScheduling;

	@Autowired
	public TorchScriptModelLoader(PyTorchEngine engine, InferenceProperties properties,
			InferenceSchedulerFactory defaultScheduling) {
		this.engine = engine;
		this.properties = properties;
		this.defaultScheduling = defaultScheduling;
	}

	/** A loader whose models lend a predictor per request, without batching. */
	public TorchScriptModelLoader(PyTorchEngine engine, InferenceProperties properties) {
		this(engine, properties, PredictorPool.factory(properties.predictorWait()));
	}

	/**
	 * Loads with the default scheduling; see
	 * {@link #load(String, Path, ModelSignature, InferenceSchedulerFactory)}.
	 */
	public TorchScriptModel load(String name, Path modelFile, ModelSignature signature) throws ModelLoadException {
		return load(name, modelFile, signature, defaultScheduling);
	}

	/**
	 * @param name how errors and logs name this model version, e.g. {@code mnist/1}
	 * @param modelFile the TorchScript file
	 * @param signature the declared inputs and outputs; checked against the module by the
	 * warm-up
	 * @param scheduling makes the scheduler that feeds requests to the predictors
	 * @return a model ready to serve
	 * @throws ModelLoadException when the file is missing or unreadable, or the warm-up
	 * fails
	 */
	public TorchScriptModel load(String name, Path modelFile, ModelSignature signature,
			InferenceSchedulerFactory scheduling) throws ModelLoadException {
		if (!Files.isRegularFile(modelFile)) {
			throw new ModelLoadException("model file not found: " + modelFile, null);
		}
		// Model.load rather than Criteria.loadModel: when a file fails to load, DJL's
		// Criteria loader
		// leaves the half-built model unclosed (BaseModelLoader, 0.36), and each failed
		// load would
		// leak until a finalizer ran. Here a failed model is closed at once.
		Model model = Model.newInstance(name, Device.cpu(), engine.engineName());
		try {
			model.load(modelFile.getParent(), modelFile.getFileName().toString());
		}
		catch (Exception | LinkageError e) {
			model.close();
			throw new ModelLoadException("cannot load %s: %s".formatted(modelFile, EngineMessages.summary(e)), e);
		}
		TensorTranslator translator = new TensorTranslator(signature);
		List<PredictorSlot> slots = new ArrayList<>();
		for (int i = 0; i < properties.predictorsPerModel(); i++) {
			slots.add(new PredictorSlot(name, model.newPredictor(translator)));
		}
		TorchScriptModel loaded = new TorchScriptModel(name, model, signature, slots);
		try {
			loaded.warmUp(properties.warmupRuns());
		}
		catch (RuntimeException e) {
			loaded.close();
			throw new ModelLoadException("warm-up of %s failed: %s".formatted(name, e.getMessage()), e);
		}
		try {
			loaded.startScheduler(scheduling);
		}
		catch (RuntimeException e) {
			loaded.close();
			throw new ModelLoadException("cannot serve %s: %s".formatted(name, e.getMessage()), e);
		}
		return loaded;
	}

}
