package dev.berth.web.inference;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The ml service answered, but not with a usable classification (502): a deployment or
 * configuration mismatch between web and ml, so retrying will not help.
 */
public class InferenceFailedException extends ErrorResponseException {

	InferenceFailedException(String reason, Throwable cause) {
		// The reason goes to the cause (for the log), not to the user: it may name
		// internal hosts.
		super(HttpStatus.BAD_GATEWAY, problem(), new IllegalStateException(reason, cause));
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The digit classifier gave an answer this app cannot use.");
		problem.setTitle("Classifier error");
		return problem;
	}

}
