package dev.berth.ml.management;

import dev.berth.ml.protocol.ErrorResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The management API's own failures, as {@code {"error": "..."}}; the rest is handled
 * like any protocol error.
 */
@RestControllerAdvice(assignableTypes = RepositoryController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnBooleanProperty("berth.ml.management.enabled")
class ManagementExceptionHandler {

	@ExceptionHandler(BearerTokenInterceptor.UnauthorizedException.class)
	ResponseEntity<ErrorResponse> unauthorized(BearerTokenInterceptor.UnauthorizedException e) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"berth-ml-management\"")
			.body(new ErrorResponse(e.getMessage()));
	}

	@ExceptionHandler(RepositoryController.LoadFailedException.class)
	ResponseEntity<ErrorResponse> loadFailed(RepositoryController.LoadFailedException e) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new ErrorResponse(e.getMessage()));
	}

}
