package dev.berth.ml.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads the picture out of a request: the raw body, or the {@code data} or {@code file}
 * part of a form.
 */
final class ImageUploads {

	static final String ACCEPTED = "send a picture as the body (Content-Type image/png, image/jpeg, ... or"
			+ " application/octet-stream) or as multipart/form-data with a part named 'data' or 'file'";

	private static final String[] PART_NAMES = { "data", "file" };

	private ImageUploads() {
	}

	/**
	 * @throws ImageRejectedException 400 empty, 413 too large, 415 not a picture's
	 * content type
	 */
	static byte[] read(HttpServletRequest request, long maxBytes) {
		MediaType type = contentType(request);
		byte[] bytes;
		if (type != null && MediaType.MULTIPART_FORM_DATA.includes(type)) {
			bytes = readPart(request, maxBytes);
		}
		else if (type == null || type.getType().equals("image") || MediaType.APPLICATION_OCTET_STREAM.includes(type)
		// What curl sends with --data-binary unless told otherwise: the bytes decide.
				|| MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
			if (request.getContentLengthLong() > maxBytes) {
				throw tooLarge(request.getContentLengthLong(), maxBytes);
			}
			try {
				bytes = readAtMost(request.getInputStream(), maxBytes);
			}
			catch (IOException e) {
				throw new ImageRejectedException(HttpStatus.BAD_REQUEST,
						"cannot read the request body: " + e.getMessage());
			}
		}
		else {
			throw new ImageRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Content-Type '%s' is not a picture: %s".formatted(type, ACCEPTED));
		}
		if (bytes.length == 0) {
			throw new ImageRejectedException(HttpStatus.BAD_REQUEST, "the picture is empty: " + ACCEPTED);
		}
		return bytes;
	}

	private static MediaType contentType(HttpServletRequest request) {
		String header = request.getContentType();
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return MediaType.parseMediaType(header);
		}
		catch (InvalidMediaTypeException e) {
			throw new ImageRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Content-Type '%s' cannot be parsed: %s".formatted(header, ACCEPTED));
		}
	}

	private static byte[] readPart(HttpServletRequest request, long maxBytes) {
		try {
			for (String name : PART_NAMES) {
				Part part = request.getPart(name);
				if (part != null) {
					if (part.getSize() > maxBytes) {
						throw tooLarge(part.getSize(), maxBytes);
					}
					try (InputStream in = part.getInputStream()) {
						return readAtMost(in, maxBytes);
					}
				}
			}
		}
		catch (IOException | ServletException | IllegalStateException e) {
			throw new ImageRejectedException(HttpStatus.BAD_REQUEST,
					"cannot read the multipart body: " + e.getMessage());
		}
		throw new ImageRejectedException(HttpStatus.BAD_REQUEST,
				"the multipart body has no part named 'data' or 'file': " + ACCEPTED);
	}

	private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		int read;
		while ((read = in.read(buffer)) != -1) {
			total += read;
			if (total > maxBytes) {
				throw tooLarge(-1, maxBytes);
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	private static ImageRejectedException tooLarge(long size, long maxBytes) {
		return new ImageRejectedException(HttpStatus.PAYLOAD_TOO_LARGE,
				size < 0 ? "the picture is larger than %d bytes (berth.ml.image.max-bytes)".formatted(maxBytes)
						: "the picture has %d bytes; at most %d (berth.ml.image.max-bytes)".formatted(size, maxBytes));
	}

}
