package dev.berth.web.inference;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the ml service in web-backend's tests: a real HTTP server on a free port
 * that answers Open Inference Protocol V2 requests with whatever the test scripted, so
 * the real {@link InferenceClient} (HTTP, JSON, timeouts, error mapping) runs. The real
 * ml service is exercised end to end by the compose smoke test.
 */
public final class StubMlServer implements AutoCloseable {

	/**
	 * A scripted answer: status, JSON body (given the request's batch size), and how long
	 * to wait before sending it.
	 */
	private record Answer(int status, IntFunction<String> body, Duration delay) {
	}

	/** The first (batch) dimension of a V2 request's input. */
	private static final Pattern BATCH = Pattern.compile("\"shape\"\\s*:\\s*\\[\\s*(\\d+)");

	/** A request as the stub received it. */
	public record Request(String method, String path, Headers headers, String body) {

		public String contentType() {
			return headers.getFirst("Content-Type");
		}

		public String contentLength() {
			return headers.getFirst("Content-Length");
		}

		/** The request id web passed on, or {@code null} if none. */
		public String requestId() {
			return headers.getFirst("X-Request-Id");
		}

	}

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile Answer answer;

	private volatile Runnable onReset = () -> {
	};

	private StubMlServer(HttpServer server) {
		this.server = server;
		reset();
	}

	public static StubMlServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			StubMlServer stub = new StubMlServer(server);
			server.createContext("/", stub::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the stub ml server", ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	/**
	 * Runs on every {@link #reset()}: the app's memory of earlier answers (its circuit
	 * breaker) is reset with the stub.
	 */
	void onReset(Runnable action) {
		this.onReset = action;
	}

	/** Back to the default: a confident "3" from model mnist version 1. */
	public void reset() {
		requests.clear();
		onReset.run();
		answerWithLogits("mnist", "1", 0, 1, 2, 9, 1, 0, 0, 3, 2, 1);
	}

	/**
	 * Answers 200 with a V2 response whose single output holds these logits, once per
	 * image of the request's batch.
	 */
	public void answerWithLogits(String modelName, String modelVersion, double... logits) {
		answer = new Answer(200, batch -> v2Response(modelName, modelVersion, batch, logits), Duration.ZERO);
	}

	/** Answers with this status and raw body. */
	public void answer(int status, String body) {
		answer = new Answer(status, batch -> body, Duration.ZERO);
	}

	/** Answers as before, but only after {@code delay}. */
	public void answerAfter(Duration delay) {
		answer = new Answer(answer.status(), answer.body(), delay);
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	public static String v2Response(String modelName, String modelVersion, double... data) {
		return v2Response(modelName, modelVersion, 1, data);
	}

	/** A V2 response with {@code data} as the output of each of {@code batch} images. */
	public static String v2Response(String modelName, String modelVersion, int batch, double... data) {
		String row = DoubleStream.of(data).mapToObj(Double::toString).collect(Collectors.joining(","));
		String values = String.join(",", Collections.nCopies(batch, row));
		return """
				{"model_name":"%s","model_version":"%s","id":"stub","outputs":[\
				{"name":"output__0","shape":[%d,%d],"datatype":"FP32","data":[%s]}]}""".formatted(modelName,
				modelVersion, batch, data.length, values);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					new Headers(exchange.getRequestHeaders()), body));
			Answer current = answer;
			if (!current.delay().isZero()) {
				try {
					Thread.sleep(current.delay().toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			Matcher batch = BATCH.matcher(body);
			byte[] bytes = current.body()
				.apply(batch.find() ? Integer.parseInt(batch.group(1)) : 1)
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(current.status(), bytes.length == 0 ? -1 : bytes.length);
			if (bytes.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
		}
		catch (IOException ex) {
			// The client gave up (read timeout): nothing left to answer.
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
