package dev.berth.ml;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Berth's inference server: serves the TorchScript models of a model repository over the
 * Open Inference Protocol.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MlServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MlServiceApplication.class, args);
	}

}
