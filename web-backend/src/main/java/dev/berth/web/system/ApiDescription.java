package dev.berth.web.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and summary of the OpenAPI description springdoc serves at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	@Bean
	OpenAPI berthApi() {
		return new OpenAPI().info(new Info().title("Berth web API")
			.version("1")
			.description("Classify handwritten digits, browse and correct the history, see accuracy, run batch jobs."
					+ " Errors are RFC 9457 problem details."));
	}

}
