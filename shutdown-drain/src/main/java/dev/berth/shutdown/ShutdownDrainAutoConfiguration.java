package dev.berth.shutdown;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The drain in a servlet web application: the filter that adds {@code Connection: close}
 * while draining, and the lifecycle phase that waits {@code berth.shutdown.drain} before
 * the web server's graceful shutdown.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(ShutdownProperties.class)
public class ShutdownDrainAutoConfiguration {

	@Bean
	ShutdownDrain shutdownDrain(ShutdownProperties properties) {
		return new ShutdownDrain(properties);
	}

}
