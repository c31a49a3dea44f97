package dev.berth.web.system;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An upload the server will not classify: malformed (400), too large (413) or too many at
 * once (503).
 */
public class UploadRejectedException extends ErrorResponseException {

	private UploadRejectedException(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	public static UploadRejectedException invalid(String detail) {
		return new UploadRejectedException(HttpStatus.BAD_REQUEST, "Invalid upload", detail);
	}

	public static UploadRejectedException tooLarge(String detail) {
		return new UploadRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "Upload too large", detail);
	}

	/** Other pictures hold the decoding memory: not the upload's fault, retry shortly. */
	public static UploadRejectedException busy(String detail) {
		UploadRejectedException busy = new UploadRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "Server busy",
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
