package dev.berth.web.job;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No batch job has the requested id (404). */
public class JobNotFoundException extends ErrorResponseException {

	JobNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no job " + id + ".");
		problem.setTitle("Job not found");
		return problem;
	}

}
