package dev.berth.gateway.logging;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleEncoderTest {

	@Test
	void withoutAFormatLinesFollowThePattern() {
		assertThat(encode("", "%level %logger %m%n")).isEqualTo("INFO berth.access method=GET path=/\n");
	}

	@Test
	void aStructuredFormatMakesEveryLineOneJsonObject() {
		String line = encode("logstash", "%m%n");

		assertThat(line).startsWith("{").endsWith("}\n").contains("\"message\":\"method=GET path=/\"");
		assertThat(line).contains("\"logger_name\":\"berth.access\"");
	}

	private static String encode(String format, String pattern) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.putObject(Environment.class.getName(), new MockEnvironment());
		ConsoleEncoder encoder = new ConsoleEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.setPattern(pattern);
		encoder.start();
		LoggingEvent event = new LoggingEvent("test", context.getLogger("berth.access"), Level.INFO,
				"method=GET path=/", null, null);
		return new String(encoder.encode(event), StandardCharsets.UTF_8);
	}

}
