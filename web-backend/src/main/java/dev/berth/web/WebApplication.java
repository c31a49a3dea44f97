package dev.berth.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Berth's web app: the prediction API, backed by MariaDB and the ml service, and the
 * browser app (from the berth-web-frontend jar) at {@code /}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebApplication.class, args);
	}

}
