package dev.berth.web.system;

import java.lang.reflect.Array;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a controller throws into a problem detail. Spring's base class
 * covers the framework's own exceptions and every {@link ErrorResponseException} (the
 * features' own errors); this class makes validation messages specific and hides
 * everything unexpected.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/** A 784-value array with every value wrong must not produce a 784-line answer. */
	static final int MAX_ERRORS = 10;

	/** A restarting database is back in about this long. */
	static final String DATABASE_RETRY_AFTER_SECONDS = "5";

	private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(e -> errors.add(new InvalidField(e.getObjectName(), message(e))));
		List<FieldError> fieldErrors = new ArrayList<>(ex.getBindingResult().getFieldErrors());
		// Validators report in no particular order; pixels[3] before pixels[10] reads
		// better.
		fieldErrors.sort(Comparator.comparing((FieldError e) -> e.getField().replaceAll("\\[\\d+]", ""))
			.thenComparingInt(e -> firstIndex(e.getField())));
		for (FieldError e : fieldErrors) {
			String message = message(e);
			if ("Size".equals(e.getCode()) && e.getRejectedValue() != null) {
				// "must hold exactly 784 values, got 783" says what to fix; the count
				// alone does not.
				Object values = e.getRejectedValue();
				message += ", got " + (values instanceof Collection<?> c ? c.size()
						: values.getClass().isArray() ? Array.getLength(values) : 0);
			}
			errors.add(new InvalidField(e.getField(), message));
		}
		return invalid(ex, errors, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach(result -> result.getResolvableErrors()
				.forEach(
						e -> errors.add(new InvalidField(result.getMethodParameter().getParameterName(), message(e)))));
		return invalid(ex, errors, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
			if (t instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
						tooLarge.getMessage());
				problem.setTitle("Request body too large");
				return handleExceptionInternal(ex, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableBody(ex));
		problem.setTitle("Unreadable request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Invalid values found by a feature's own checks, answered like bean validation's.
	 */
	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<Object> handleInvalidRequest(InvalidRequestException ex, WebRequest request) {
		return invalid(ex, ex.errors(), new HttpHeaders(), request);
	}

	/**
	 * The database cannot be reached (down, restarting, or no free connection within the
	 * pool's timeout): worth retrying, so 503 rather than 500.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class })
	ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, WebRequest request) {
		log.warn("Database unavailable answering {}: {}", request.getDescription(false), ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database is not available right now. Please try again in a few seconds.");
		problem.setTitle("Database unavailable");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	/**
	 * Anything no other handler knows: logged in full here, a plain 500 for the caller.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		if (lostDatabaseConnection(ex)) {
			// E.g. a transaction whose pooled connection died with the server: Hibernate
			// reports the failed rollback, the cause is the lost connection.
			return handleDatabaseUnavailable(ex, request);
		}
		log.error("Unexpected error answering {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side. Please try again; if it keeps happening, tell the operators.");
		problem.setTitle("Internal error");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (status.is5xxServerError()) {
			// The user sees a friendly message; operators need the cause.
			log.warn("{} answering {}: {}", status, request.getDescription(false), causeChain(ex));
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}

	private ResponseEntity<Object> invalid(Exception ex, List<InvalidField> errors, HttpHeaders headers,
			WebRequest request) {
		List<InvalidField> shown = errors.subList(0, Math.min(errors.size(), MAX_ERRORS));
		StringBuilder detail = new StringBuilder();
		for (InvalidField error : shown) {
			detail.append(detail.isEmpty() ? "" : "; ").append(error.field()).append(' ').append(error.message());
		}
		if (errors.size() > shown.size()) {
			detail.append("; and ").append(errors.size() - shown.size()).append(" more");
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail.append('.').toString());
		problem.setTitle("Invalid request");
		problem.setProperties(Map.of("errors", List.copyOf(shown)));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * SQLSTATE class 08 is "connection exception" in every engine's driver. When a query
	 * fails that way, the pool closes the connection, and the transaction's rollback on
	 * it then fails with the pool's own "Connection is closed", which replaces the
	 * original error.
	 */
	private static boolean lostDatabaseConnection(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
					|| t instanceof SQLRecoverableException) {
				return true;
			}
			if (t instanceof SQLException sql && ((sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
					|| "Connection is closed".equals(sql.getMessage()))) {
				return true;
			}
		}
		return false;
	}

	private static int firstIndex(String field) {
		Matcher index = INDEX.matcher(field);
		return index.find() ? Integer.parseInt(index.group(1)) : -1;
	}

	private static String message(MessageSourceResolvable error) {
		return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
	}

	/**
	 * Names the offending field (e.g. {@code pixels[3]}) without leaking class names or
	 * parser internals.
	 */
	private static String unreadableBody(HttpMessageNotReadableException ex) {
		for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
			if (t instanceof JacksonException json && !json.getPath().isEmpty()) {
				StringBuilder field = new StringBuilder();
				for (JacksonException.Reference ref : json.getPath()) {
					if (ref.getPropertyName() != null) {
						field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
					}
					else if (ref.getIndex() >= 0) {
						field.append('[').append(ref.getIndex()).append(']');
					}
				}
				return "The request body has a value of the wrong type at " + field + ".";
			}
		}
		return "The request body is missing or is not valid JSON.";
	}

	private static String causeChain(Throwable ex) {
		StringBuilder chain = new StringBuilder();
		for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
			chain.append(chain.isEmpty() ? "" : " <- ").append(t.getMessage());
		}
		return chain.toString();
	}

}
