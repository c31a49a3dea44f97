package dev.berth.web.prediction;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An upload the server will not classify: malformed (400), too large (413) or too many at
 * once (503).
 */
public class PictureRejectedException extends ErrorResponseException {

	private PictureRejectedException(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	static PictureRejectedException invalid(String detail) {
		return new PictureRejectedException(HttpStatus.BAD_REQUEST, "Invalid upload", detail);
	}

	static PictureRejectedException tooLarge(String detail) {
		return new PictureRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "Upload too large", detail);
	}

	/** Other pictures hold the decoding memory: not the upload's fault, retry shortly. */
	static PictureRejectedException busy(String detail) {
		PictureRejectedException busy = new PictureRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "Server busy",
				detail);
		busy.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Duration.ofSeconds(1).toSeconds()));
		return busy;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
