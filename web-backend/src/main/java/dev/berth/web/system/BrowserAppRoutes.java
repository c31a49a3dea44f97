package dev.berth.web.system;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The browser app routes on the client (/history, /jobs/5, ...): a reload or a shared
 * link asks the server for such a path, which answers with the app's index.html so the
 * app can show the view. Only for browsers (HTML), and never for the API, the actuator,
 * the API description or a file name (a path with a dot), which keep their own answers or
 * a 404.
 */
@Controller
class BrowserAppRoutes {

	private static final String VIEW = "{view:^(?!api$|actuator$|v3$|swagger-ui$)[^.]+}";

	private static final String PART = "{part:[^.]+}";

	// Up to three segments (/jobs/5 is two), none with a dot: /assets/app.js stays a
	// file.
	@GetMapping(path = { "/" + VIEW, "/" + VIEW + "/" + PART, "/" + VIEW + "/" + PART + "/{more:[^.]+}" },
			produces = MediaType.TEXT_HTML_VALUE)
	String view() {
		return "forward:/index.html";
	}

}
