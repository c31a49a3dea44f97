package dev.berth.ml.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The server refuses to start with the management API on and no usable token. */
class ManagementPropertiesTest {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ManagementProperties.class)
	static class Properties {

	}

	final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Properties.class);

	@Test
	void offByDefaultAndNeedsNoToken() {
		context.run(started -> {
			assertThat(started).hasNotFailed();
			assertThat(started.getBean(ManagementProperties.class).enabled()).isFalse();
		});
	}

	@Test
	void enabledWithoutATokenFailsTheStart() {
		context.withPropertyValues("berth.ml.management.enabled=true").run(started -> {
			assertThat(started).hasFailed();
			assertThat(started.getStartupFailure()).rootCause()
				.hasMessageContaining("berth.ml.management.enabled is true but no token is set")
				.hasMessageContaining("BERTH_ML_MANAGEMENT_TOKEN");
		});
	}

	@Test
	void enabledWithABlankOrShortTokenFailsTheStart() {
		context.withPropertyValues("berth.ml.management.enabled=true", "berth.ml.management.token=  ")
			.run(started -> assertThat(started).hasFailed());
		context.withPropertyValues("berth.ml.management.enabled=true", "berth.ml.management.token=secret")
			.run(started -> assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("too short"));
	}

	@Test
	void enabledWithATokenStartsAndNeverPrintsIt() {
		context.withPropertyValues("berth.ml.management.enabled=true", "berth.ml.management.token=0123456789abcdef0123")
			.run(started -> {
				assertThat(started).hasNotFailed();
				assertThat(started.getBean(ManagementProperties.class).toString()).doesNotContain("0123456789");
			});
	}

}
