package dev.berth.web.prediction;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No prediction has the requested id (404). */
public class PredictionNotFoundException extends ErrorResponseException {

	PredictionNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no prediction " + id + ".");
		problem.setTitle("Prediction not found");
		return problem;
	}

}
