package dev.berth.web.inference;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The ml service could not be reached, timed out, or is not ready (503): worth retrying
 * later.
 */
public class InferenceUnavailableException extends ErrorResponseException {

	/**
	 * Seconds a client should wait before retrying; the ml service's own start takes
	 * about this long.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	InferenceUnavailableException(String reason, Throwable cause) {
		// The reason goes to the cause (for the log), not to the user: it may name
		// internal hosts.
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(), new IllegalStateException(reason, cause));
		getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The digit classifier is not available right now. Please try again in a few seconds.");
		problem.setTitle("Classifier unavailable");
		return problem;
	}

}
