package dev.berth.ml.protocol;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request goes, whatever its spelling. The raw request URI is the client's text:
 * {@code /%762/models/mnist/infer} and {@code /v2;x=1/models/mnist/infer} reach the same
 * endpoint as {@code /v2/models/mnist/infer}, so a decision taken on the raw text can be
 * sidestepped by spelling the path differently.
 */
final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * The path within the application as Tomcat mapped it: percent-decoded, path
	 * parameters ({@code ;x=1}) removed, repeated slashes and dot segments resolved.
	 * Spring matches its endpoints against the decoded segments without their parameters,
	 * so every spelling that reaches an endpoint has that endpoint's path here. Costs
	 * nothing: Tomcat works it out for every request.
	 */
	static String normalised(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
	}

}
