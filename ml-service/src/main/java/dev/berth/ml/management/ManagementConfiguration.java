package dev.berth.ml.management;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the token check in front of every management endpoint; exists only when the API is
 * on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("berth.ml.management.enabled")
class ManagementConfiguration implements WebMvcConfigurer {

	private final ManagementProperties properties;

	ManagementConfiguration(ManagementProperties properties) {
		this.properties = properties;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new BearerTokenInterceptor(properties.token()))
			.addPathPatterns(RepositoryController.PATH + "/**");
	}

}
