package dev.berth.ml.protocol;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC's handlers (by Tomcat or a filter) reach
 * {@code /error}; they leave in the protocol's shape too, instead of Spring Boot's
 * default error page.
 */
@RestController
class ProtocolErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		return ResponseEntity.status(status).body(new ErrorResponse(status.getReasonPhrase()));
	}

}
