package dev.berth.ml.protocol;

import java.io.IOException;
import java.io.PrintWriter;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error page, for requests it rejects before Spring sees them (an
 * invalid URL, say): {@code {"error": "Bad Request"}} instead of Tomcat's HTML page.
 */
public class ProtocolErrorValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String reason = known != null ? known.getReasonPhrase() : "Error " + status;
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				// Reason phrases are plain ASCII words: nothing to escape.
				writer.write("{\"error\":\"" + reason + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// The client is gone or the response is already committed: nothing more to
			// say.
		}
	}

}
