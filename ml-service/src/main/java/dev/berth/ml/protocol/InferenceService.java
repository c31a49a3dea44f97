package dev.berth.ml.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.berth.ml.inference.InvalidInputException;
import dev.berth.ml.inference.ModelSignature;
import dev.berth.ml.inference.Tensor;
import dev.berth.ml.repository.ModelLease;
import dev.berth.ml.repository.ModelRegistry;
import dev.berth.ml.repository.ModelVersion;

import org.springframework.stereotype.Service;

/**
 * Turns a V2 inference request into tensors, runs the model and shapes the V2 response.
 */
@Service
class InferenceService {

	private final ModelRegistry registry;

	InferenceService(ModelRegistry registry) {
		this.registry = registry;
	}

	InferenceResponse infer(String modelName, String version, InferenceRequest request) {
		ModelVersion modelVersion;
		List<String> wanted;
		List<Tensor> results;
		// Held while the model runs: a hot reload that replaces or removes this version
		// meanwhile
		// closes it only once the lease is closed.
		try (ModelLease lease = registry.acquire(modelName, version)) {
			modelVersion = lease.version();
			ModelSignature signature = modelVersion.model().signature();
			wanted = requestedOutputs(request, signature);
			List<Tensor> inputs = new ArrayList<>(request.inputs().size());
			for (InferenceRequest.Input input : request.inputs()) {
				inputs.add(input.toTensor());
			}
			results = modelVersion.model().infer(inputs);
		}
		List<InferenceResponse.Output> outputs = new ArrayList<>(wanted.size());
		for (String name : wanted) {
			for (Tensor tensor : results) {
				if (tensor.name().equals(name)) {
					outputs.add(new InferenceResponse.Output(name, tensor.datatype().name(), tensor.shape(),
							tensor.data()));
					break;
				}
			}
		}
		return new InferenceResponse(modelName, modelVersion.version(), request.id(), outputs);
	}

	/**
	 * The outputs to return, in the order asked for; all declared outputs when none are
	 * named.
	 */
	private static List<String> requestedOutputs(InferenceRequest request, ModelSignature signature) {
		if (request.outputs() == null || request.outputs().isEmpty()) {
			return signature.outputs().stream().map(spec -> spec.name()).toList();
		}
		List<String> names = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (InferenceRequest.Output output : request.outputs()) {
			if (signature.output(output.name()).isEmpty()) {
				throw new InvalidInputException("unknown output '%s'; the model returns %s".formatted(output.name(),
						signature.outputs().stream().map(spec -> "'" + spec.name() + "'").toList()));
			}
			if (!seen.add(output.name())) {
				throw new InvalidInputException("output '%s' is requested twice".formatted(output.name()));
			}
			InferenceRequest.rejectUnsupported(output.parameters(), "output", output.name());
			names.add(output.name());
		}
		return names;
	}

}
