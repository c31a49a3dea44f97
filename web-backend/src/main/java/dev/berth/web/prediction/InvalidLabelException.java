package dev.berth.web.prediction;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A correction names a label the model does not have (400). */
public class InvalidLabelException extends ErrorResponseException {

	InvalidLabelException(int label, int labelCount) {
		super(HttpStatus.BAD_REQUEST, problem(label, labelCount), null);
	}

	private static ProblemDetail problem(int label, int labelCount) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"correctedLabel must be between 0 and " + (labelCount - 1) + ", got " + label + ".");
		problem.setTitle("Invalid label");
		return problem;
	}

}
