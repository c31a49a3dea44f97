package dev.berth.ml.inference;

import ai.djl.engine.Engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts DJL's PyTorch engine once, with settings that must be in place before libtorch
 * loads. A failure here stops the application: without the engine no model can ever
 * become ready.
 */
@Component
public class PyTorchEngine {

	static final String ENGINE_NAME = "PyTorch";

	private static final Logger log = LoggerFactory.getLogger(PyTorchEngine.class);

	private final Engine engine;

	public PyTorchEngine(InferenceProperties properties) {
		// Models come from local files only; without this DJL asks the network for engine
		// metadata.
		setIfAbsent("ai.djl.offline", "true");
		// Read once, when the engine starts: later changes have no effect.
		System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(properties.intraOpThreads()));
		System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(properties.interOpThreads()));
		// Read by DJL on every forward pass and applied to the calling thread (libtorch
		// keeps it per thread).
		System.setProperty("ai.djl.pytorch.graph_optimizer", Boolean.toString(properties.graphOptimizer()));
		this.engine = Engine.getEngine(ENGINE_NAME);
		log.info("PyTorch {} engine started (DJL {}, {} intra-op / {} inter-op threads, graph optimizer {})",
				engine.getVersion(), Engine.getDjlVersion(), properties.intraOpThreads(), properties.interOpThreads(),
				properties.graphOptimizer() ? "on" : "off");
		// OpenMP reads its wait policy from the environment when libtorch loads; Java
		// cannot set it.
		// With one intra-op thread there is no OpenMP team to spin; with more, idle
		// workers busy-wait
		// and burn the CPU that other predictors and the web server need.
		if (properties.intraOpThreads() > 1 && !"PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))) {
			log.warn("{} intra-op threads without OMP_WAIT_POLICY=PASSIVE: idle OpenMP threads will spin;"
					+ " set that environment variable", properties.intraOpThreads());
		}
	}

	/** The libtorch version, e.g. {@code 2.7.1}. */
	public String version() {
		return engine.getVersion();
	}

	String engineName() {
		return engine.getEngineName();
	}

	private static void setIfAbsent(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}

}
