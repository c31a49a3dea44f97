package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.http.MockHttpInputMessage;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code berth.ml.protocol.json-reader} chooses the reader that inference requests are
 * parsed with, which shows in how each words malformed JSON.
 */
class JsonReaderPropertyTest {

	private static final String MALFORMED = "{\"inputs\": [";

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProtocolProperties.class)
	@Import(InferenceJsonConverter.class)
	static class Converter {

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().build();
		}

	}

	final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Converter.class);

	@Test
	void theHandWrittenReaderByDefault() {
		context.run(started -> assertThatThrownBy(() -> read(started, MALFORMED))
			.hasMessage("malformed JSON (line 1, column 13): the body ends inside an array"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jackson-stream", "jackson-float", "JACKSON_FLOAT" })
	void aJacksonReaderWhenChosen(String reader) {
		context.withPropertyValues("berth.ml.protocol.json-reader=" + reader).run(started -> {
			assertThat(read(started,
					"{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [0.5]}]}")
				.inputs()).hasSize(1);
			assertThatThrownBy(() -> read(started, MALFORMED)).hasMessage(
					"malformed JSON (line 1, column 13): unexpected end-of-input: expected close marker for Array");
		});
	}

	@Test
	void anUnknownReaderFailsTheStart() {
		context.withPropertyValues("berth.ml.protocol.json-reader=simd")
			.run(started -> assertThat(started).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'berth.ml.protocol.json-reader'"));
	}

	private static InferenceRequest read(AssertableApplicationContext context, String json) throws Exception {
		return (InferenceRequest) context.getBean(InferenceJsonConverter.class)
			.read(InferenceRequest.class, new MockHttpInputMessage(json.getBytes(StandardCharsets.UTF_8)));
	}

}
