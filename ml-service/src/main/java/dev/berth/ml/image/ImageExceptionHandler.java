package dev.berth.ml.image;

import dev.berth.ml.protocol.ErrorResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Rejected uploads as {@code {"error": "..."}}. Multipart failures happen before any
 * controller is chosen (the form is parsed first), so those handlers apply to every
 * request, which only this endpoint accepts forms for anyway. Everything else is handled
 * like any protocol error.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImageExceptionHandler {

	@ExceptionHandler(ImageRejectedException.class)
	ResponseEntity<ErrorResponse> rejected(ImageRejectedException e) {
		return ResponseEntity.status(e.status()).body(new ErrorResponse(e.getMessage()));
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ErrorResponse> tooLarge(MaxUploadSizeExceededException e) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(new ErrorResponse(
					"the upload is larger than %d bytes (berth.ml.image.max-bytes)".formatted(e.getMaxUploadSize())));
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ErrorResponse> malformed(MultipartException e) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(new ErrorResponse("malformed multipart/form-data body: " + ImageUploads.ACCEPTED));
	}

}
