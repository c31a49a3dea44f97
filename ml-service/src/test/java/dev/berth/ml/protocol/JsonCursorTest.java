package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class JsonCursorTest {

	private static final JsonMapper JACKSON = JsonMapper.builder().build();

	@Test
	void everyNumberIsTheDoubleThatJavaParsesFromTheSameText() {
		Random random = new Random(20261129);
		for (int i = 0; i < 200_000; i++) {
			String text = randomNumber(random);
			double read = cursor(text).number();
			assertThat(Double.doubleToRawLongBits(read)).as(text)
				.isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
		}
	}

	@Test
	void theShortDecimalLoopReadsArraysAsNumberByNumberReading() {
		Random random = new Random(29);
		for (int i = 0; i < 2_000; i++) {
			List<String> texts = new ArrayList<>();
			StringBuilder array = new StringBuilder("[");
			for (int n = random.nextInt(40); n > 0; n--) {
				String text = randomNumber(random);
				texts.add(text);
				array.append(texts.size() > 1 ? "," : "").append(random.nextInt(5) == 0 ? " \n" : "").append(text);
			}
			JsonCursor json = cursor(array.append(random.nextBoolean() ? "]" : " ]").toString());
			json.beginArray();
			double[] values = new double[1 + random.nextInt(50)];
			int count = 0;
			List<Double> read = new ArrayList<>();
			while (true) {
				count = json.shortDecimals(values, count);
				if (count == values.length || !json.nextElement()) {
					for (int v = 0; v < count; v++) {
						read.add(values[v]);
					}
					if (count < values.length) {
						break;
					}
					count = 0;
					continue;
				}
				values[count++] = json.number();
			}
			assertThat(json.atEnd()).isTrue();
			assertThat(read).as(array.toString())
				.containsExactlyElementsOf(texts.stream().map(Double::parseDouble).toList());
		}
	}

	@Test
	void saysWhetherANumberIsIntegralAndKeepsItsText() {
		JsonCursor integer = cursor("-9223372036854775808");
		integer.number();
		assertThat(integer.integral()).isTrue();
		assertThat(integer.numberAsLong()).isEqualTo(Long.MIN_VALUE);
		JsonCursor tooLong = cursor("9223372036854775808");
		tooLong.number();
		assertThat(tooLong.numberAsLong()).isNull();
		JsonCursor decimal = cursor("1.0e2");
		assertThat(decimal.number()).isEqualTo(100.0);
		assertThat(decimal.integral()).isFalse();
		assertThat(decimal.numberText()).isEqualTo("1.0e2");
	}

	@Test
	void readsValuesAsJacksonDoes() {
		String json = """
				{"s": "plain", "escapes": "q\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\ud83d\\ude00", "utf8": "\u00e9\u4e2d\ud83d\ude00",
				 "numbers": [0, -0, 1, -2147483649, 2147483647, 98765432109876543210, 1.5, -0.0, 1e-7, 2E+3],
				 "literals": [true, false, null], "nested": {"a": [[], {}, [{"b": []}]]}, "": ""}""";
		Object read = cursor(json).value();
		assertThat(read).isEqualTo(JACKSON.readValue(json, Object.class));
	}

	@Test
	void walksObjectsAndArraysMemberByMember() {
		JsonCursor json = cursor(" { \"a\" : [ 1 , 2 ] , \"b\" : { } } ");
		assertThat(json.peek()).isEqualTo(JsonCursor.Kind.OBJECT);
		json.beginObject();
		assertThat(json.nextName()).isEqualTo("a");
		json.beginArray();
		assertThat(json.nextElement()).isTrue();
		assertThat(json.number()).isEqualTo(1);
		assertThat(json.nextElement()).isTrue();
		assertThat(json.number()).isEqualTo(2);
		assertThat(json.nextElement()).isFalse();
		assertThat(json.nextName()).isEqualTo("b");
		json.skipValue();
		assertThat(json.nextName()).isNull();
		assertThat(json.atEnd()).isTrue();
		JsonCursor skipped = cursor("[{\"a\": [1, {\"b\": \"\\u00e9\"}], \"c\": null}, true, 2.5e3] 7");
		skipped.skipValue();
		assertThat(skipped.peek()).isEqualTo(JsonCursor.Kind.NUMBER);
		assertThat(skipped.number()).isEqualTo(7);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "[", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "{\"a\" 1}", "{a:1}", "['a']", "[1 2]",
			"[01]", "[1.]", "[.5]", "[-]", "[1e]", "[1e+]", "[+1]", "[NaN]", "[Infinity]", "[-Infinity]", "[0x10]",
			"[tru]", "[nul]", "[truex]", "[1a]", "[\"unterminated]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12g4\"]",
			"[\"tab\there\"]", "{\"a\":1]", "[1}", "\"no end", })
	void rejectsWhatIsNotJson(String text) {
		assertThatThrownBy(() -> readWhole(text)).as(text)
			.isInstanceOf(MalformedJsonException.class)
			.hasMessageStartingWith("malformed JSON (line 1, column ");
		assertThatThrownBy(() -> JACKSON.readTree(text)).as("Jackson agrees that %s is not JSON", text)
			.isInstanceOf(tools.jackson.core.JacksonException.class);
	}

	@Test
	void rejectsAnEmptyBody() {
		assertThatThrownBy(() -> readWhole(" \n")).isInstanceOf(MalformedJsonException.class)
			.hasMessage("malformed JSON (line 2, column 1): the body ends where a value was expected");
	}

	@Test
	void rejectsInvalidUtf8() {
		byte[] body = { '"', (byte) 0xc3, (byte) 0x28, '"' };
		assertThatThrownBy(() -> new JsonCursor(body).value()).isInstanceOf(MalformedJsonException.class)
			.hasMessageEndingWith("a string is not valid UTF-8");
	}

	@Test
	void limitsNestingAndNumberLength() {
		String deep = "[".repeat(JsonCursor.MAX_DEPTH + 1) + "]".repeat(JsonCursor.MAX_DEPTH + 1);
		assertThatThrownBy(() -> readWhole(deep)).hasMessageEndingWith("nested deeper than 500 levels");
		assertThat(readWhole("[".repeat(JsonCursor.MAX_DEPTH) + "]".repeat(JsonCursor.MAX_DEPTH)))
			.isInstanceOf(List.class);
		assertThatThrownBy(() -> readWhole("[" + "1".repeat(1001) + "]"))
			.hasMessageEndingWith("a number longer than 1000 characters");
	}

	@Test
	void namesTheLineAndColumnOfAnError() {
		assertThatThrownBy(() -> readWhole("{\n  \"a\": 1,\n  \"b\": x\n}"))
			.hasMessage("malformed JSON (line 3, column 8): unexpected 'x' where a value was expected");
	}

	private static Object readWhole(String text) {
		JsonCursor json = cursor(text);
		Object value = json.value();
		if (!json.atEnd()) {
			throw json.malformed("unexpected content after the value");
		}
		return value instanceof Map<?, ?> || value instanceof List<?> ? value : List.of(value);
	}

	private static JsonCursor cursor(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return new JsonCursor(bytes);
	}

	/**
	 * JSON numbers of every shape: short pixels, long mantissas, tiny and huge exponents,
	 * subnormals.
	 */
	static String randomNumber(Random random) {
		StringBuilder text = new StringBuilder();
		if (random.nextBoolean()) {
			text.append('-');
		}
		int integerDigits = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 3 : 20);
		if (integerDigits == 0) {
			text.append('0');
		}
		else {
			text.append((char) ('1' + random.nextInt(9)));
			for (int i = 1; i < integerDigits; i++) {
				text.append((char) ('0' + random.nextInt(10)));
			}
		}
		if (random.nextInt(3) > 0) {
			text.append('.');
			int fractionDigits = 1 + random.nextInt(random.nextBoolean() ? 4 : 25);
			for (int i = 0; i < fractionDigits; i++) {
				text.append((char) ('0' + random.nextInt(random.nextInt(4) == 0 ? 1 : 10)));
			}
		}
		if (random.nextInt(4) == 0) {
			text.append(random.nextBoolean() ? 'e' : 'E');
			int sign = random.nextInt(3);
			text.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
			text.append(random.nextInt(random.nextBoolean() ? 30 : 340));
		}
		return text.toString();
	}

}
