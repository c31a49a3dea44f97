package dev.berth.ml.protocol;

import java.util.stream.Collectors;

import dev.berth.ml.inference.InferenceFailedException;
import dev.berth.ml.inference.InvalidInputException;
import dev.berth.ml.inference.ModelBusyException;
import dev.berth.ml.repository.ModelNotFoundException;
import dev.berth.ml.repository.ModelNotReadyException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every failure leaves as {@code {"error": "..."}} with a fitting status; never a stack
 * trace.
 */
@RestControllerAdvice
class ProtocolExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProtocolExceptionHandler.class);

	@ExceptionHandler(ModelNotFoundException.class)
	ResponseEntity<ErrorResponse> notFound(ModelNotFoundException e) {
		return error(HttpStatus.NOT_FOUND, e.getMessage());
	}

	@ExceptionHandler(ModelNotReadyException.class)
	ResponseEntity<ErrorResponse> notReady(ModelNotReadyException e) {
		// Loading takes seconds; a failed model needs an operator. Either way, not sooner
		// than this.
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(new ErrorResponse(e.getMessage()));
	}

	@ExceptionHandler(ModelBusyException.class)
	ResponseEntity<ErrorResponse> busy(ModelBusyException e) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(new ErrorResponse(e.getMessage()));
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<ErrorResponse> invalidInput(InvalidInputException e) {
		return error(HttpStatus.BAD_REQUEST, e.getMessage());
	}

	@ExceptionHandler(InferenceFailedException.class)
	ResponseEntity<ErrorResponse> inferenceFailed(InferenceFailedException e) {
		log.warn("Inference failed: {}", e.getMessage(), e.getCause());
		return error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ErrorResponse> invalidRequest(MethodArgumentNotValidException e) {
		String problems = e.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> "'%s' %s".formatted(error.getField(), error.getDefaultMessage()))
			.sorted()
			.collect(Collectors.joining("; "));
		return error(HttpStatus.BAD_REQUEST, "invalid inference request: " + problems);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestTooLargeException tooLarge) {
				return error(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
			}
		}
		return error(HttpStatus.BAD_REQUEST, describe(e));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ErrorResponse> noSuchEndpoint(NoResourceFoundException e) {
		return error(HttpStatus.NOT_FOUND,
				"no such endpoint: %s /%s".formatted(e.getHttpMethod(), e.getResourcePath()));
	}

	/**
	 * Everything else. Spring MVC's own errors (405, 415, missing parameters...)
	 * implement its ErrorResponse and carry a status and a detail that are safe to show;
	 * the rest is a bug.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorResponse> other(Exception e) {
		if (e instanceof org.springframework.web.ErrorResponse springError) {
			HttpStatusCode status = springError.getStatusCode();
			String detail = springError.getBody().getDetail();
			return ResponseEntity.status(status)
				.headers(springError.getHeaders())
				.body(new ErrorResponse(
						detail != null ? detail : HttpStatus.valueOf(status.value()).getReasonPhrase()));
		}
		log.error("Unexpected error while serving a request", e);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal server error; see the server log");
	}

	private static ResponseEntity<ErrorResponse> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(new ErrorResponse(message));
	}

	/** A JSON problem in one line, with where it is, without Java class names. */
	private static String describe(HttpMessageNotReadableException e) {
		Throwable cause = e.getMostSpecificCause();
		if (cause instanceof DatabindException databind) {
			String path = databind.getPath()
				.stream()
				.map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.collect(Collectors.joining());
			String where = path.isEmpty() ? "" : " at '" + path.substring(path.startsWith(".") ? 1 : 0) + "'";
			return "invalid inference request%s: %s".formatted(where, firstLine(databind.getOriginalMessage()));
		}
		if (cause instanceof JacksonException jackson) {
			String location = jackson.getLocation() != null ? " (line %d, column %d)"
				.formatted(jackson.getLocation().getLineNr(), jackson.getLocation().getColumnNr()) : "";
			return "malformed JSON%s: %s".formatted(location, firstLine(jackson.getOriginalMessage()));
		}
		return "request body is missing or unreadable";
	}

	/**
	 * The first line, without Jackson's "(start marker at [Source: ...])" location noise.
	 */
	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		String line = message.strip().split("\\R", 2)[0];
		int source = line.indexOf("[Source:");
		if (source >= 0) {
			line = line.substring(0, source).replaceAll("\\s*\\(?(start marker at|at)?\\s*$", "");
		}
		return line.strip();
	}

}
