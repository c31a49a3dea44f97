package dev.berth.ml.protocol;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The inference endpoint a request calls: a POST to a V2 {@code infer} endpoint or to
 * {@code /predictions}, with the model and version its path names ({@code version} null
 * when it names none), whatever the path's spelling ({@link RequestPaths}). One
 * definition for {@link InferenceMetricsFilter}, which counts and times these requests,
 * and {@link InferenceObservationConfiguration}, which leaves them out of Spring's
 * request timer.
 *
 * @param endpoint {@code infer} or {@code predictions}, as the metrics label it
 */
record InferenceEndpoint(String endpoint, String model, String version) {

	private static final Pattern INFER = Pattern.compile("/v2/models/([^/]+)(?:/versions/([^/]+))?/infer");

	private static final Pattern PREDICTIONS = Pattern.compile("/predictions/([^/]+)(?:/([^/]+))?");

	/** The endpoint {@code request} calls, or null when it is no inference request. */
	static InferenceEndpoint of(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return null;
		}
		String path = RequestPaths.normalised(request);
		Matcher infer = INFER.matcher(path);
		if (infer.matches()) {
			return new InferenceEndpoint("infer", infer.group(1), infer.group(2));
		}
		Matcher predictions = PREDICTIONS.matcher(path);
		return predictions.matches() ? new InferenceEndpoint("predictions", predictions.group(1), predictions.group(2))
				: null;
	}
}
