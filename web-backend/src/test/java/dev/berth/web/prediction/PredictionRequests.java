package dev.berth.web.prediction;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.berth.web.prediction.TestImages.body;
import static dev.berth.web.prediction.TestImages.gradient;

/** The prediction API's requests, as the browser app sends them. */
final class PredictionRequests {

	private final RestTestClient http;

	PredictionRequests(RestTestClient http) {
		this.http = http;
	}

	RestTestClient.ResponseSpec classify(List<?> pixels) {
		return http.post()
			.uri("/api/predictions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(pixels))
			.exchange();
	}

	RestTestClient.ResponseSpec classifyRaw(String json) {
		return http.post().uri("/api/predictions").contentType(MediaType.APPLICATION_JSON).body(json).exchange();
	}

	/** Classifies the test gradient and returns the stored prediction's location. */
	String create() {
		return classify(gradient()).expectStatus()
			.isCreated()
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
	}

	RestTestClient.ResponseSpec correct(String location, Object correction) {
		return http.patch().uri(location).contentType(MediaType.APPLICATION_JSON).body(correction).exchange();
	}

}
