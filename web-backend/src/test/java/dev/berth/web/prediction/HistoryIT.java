package dev.berth.web.prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import dev.berth.web.WebAppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The history's filters, alone and combined, over predictions made on several days. */
@WebAppTest
class HistoryIT {

	@Autowired
	RestTestClient http;

	@Autowired
	PredictionRepository predictions;

	@BeforeEach
	void someHistory() {
		predictions.deleteAll();
		// guess, label a person gave (-1: none), model version, day
		save(1, -1, "1", "2026-12-01T10:00:00Z");
		save(1, 1, "1", "2026-12-02T10:00:00Z");
		save(7, 1, "1", "2026-12-02T23:59:59Z");
		save(7, 7, "2", "2026-12-03T00:00:00Z");
		save(3, -1, "2", "2026-12-04T08:00:00Z");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			''                                    | 3,7,7,1,1
			label=7                               | 7,7
			corrected=true                        | 7,7,1
			corrected=false                       | 3,1
			outcome=RIGHT                         | 7,1
			outcome=WRONG                         | 7
			modelVersion=2                        | 3,7
			from=2026-12-02&to=2026-12-02         | 7,1
			from=2026-12-03                       | 3,7
			label=7&outcome=RIGHT&modelVersion=2  | 7
			label=5                               | ''
			""")
	void filtersNarrowTheHistoryNewestFirst(String query, String expectedLabels) {
		List<Integer> expected = expectedLabels == null || expectedLabels.isBlank() ? List.of()
				: Arrays.stream(expectedLabels.split(",")).map(Integer::valueOf).toList();

		String page = http.get()
			.uri("/api/predictions?" + (query == null ? "" : query))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();

		assertThat(JsonPath.<List<Integer>>read(page, "$.content[*].predictedLabel")).isEqualTo(expected);
		assertThat(JsonPath.<Integer>read(page, "$.page.totalElements")).isEqualTo(expected.size());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			label=10         | label
			outcome=MAYBE    | outcome
			from=yesterday   | from
			""")
	void aBadFilterIsNamedInTheAnswer(String query, String parameter) {
		http.get()
			.uri("/api/predictions?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, detail -> assertThat(detail).contains(parameter));
	}

	private void save(int guess, int label, String modelVersion, String at) {
		double[] probabilities = new double[10];
		probabilities[guess] = 1;
		Prediction prediction = new Prediction(Instant.parse(at), Source.DRAWN, "mnist", modelVersion,
				Pixels.fromBytes(new byte[Pixels.COUNT]), probabilities, Duration.ofMillis(2));
		if (label >= 0) {
			prediction.correct(label, Instant.parse(at).plusSeconds(1));
		}
		predictions.save(prediction);
	}

}
