package dev.berth.ml.inference;

import ai.djl.engine.Engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts DJL's PyTorch engine once, with settings that must be in place before libtorch loads.
 * A failure here stops the application: without the engine no model can ever become ready.
 */
@Component
public class PyTorchEngine {

    static final String ENGINE_NAME = "PyTorch";
    private static final Logger log = LoggerFactory.getLogger(PyTorchEngine.class);

    private final Engine engine;

    public PyTorchEngine(InferenceProperties properties) {
        // Models come from local files only; without this DJL asks the network for engine metadata.
        setIfAbsent("ai.djl.offline", "true");
        // Read once, when the engine starts: later changes have no effect.
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(properties.intraOpThreads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(properties.interOpThreads()));
        this.engine = Engine.getEngine(ENGINE_NAME);
        log.info("PyTorch {} engine started (DJL {}, {} intra-op / {} inter-op threads)",
                engine.getVersion(), Engine.getDjlVersion(), properties.intraOpThreads(), properties.interOpThreads());
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
