package dev.berth.web.job;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An upload that does not become a job: nothing usable (400) or over a limit (413). */
public class JobRejectedException extends ErrorResponseException {

	private JobRejectedException(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	static JobRejectedException invalid(String detail) {
		return new JobRejectedException(HttpStatus.BAD_REQUEST, "Invalid upload", detail);
	}

	static JobRejectedException tooLarge(String detail) {
		return new JobRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "Upload too large", detail);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
