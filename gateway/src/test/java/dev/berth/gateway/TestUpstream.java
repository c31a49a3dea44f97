package dev.berth.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for web or ml: it answers {@code <name> <uri>
 * id=<request id>} and records what it received, so tests can see what the gateway
 * forwarded. It can be stopped and started again on the same port, like a restarted
 * container.
 */
public final class TestUpstream {

	private final String name;

	private final int port;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile HttpServer server;

	/** What the upstream got: the raw URI, the headers and how many body bytes. */
	public record Received(String method, String uri, Headers headers, long bodyBytes) {
	}

	private TestUpstream(String name, int port) {
		this.name = name;
		this.port = port;
	}

	/** A running upstream on a free port. */
	public static TestUpstream start(String name) {
		TestUpstream upstream = new TestUpstream(name, 0);
		upstream.listen(0);
		return upstream;
	}

	public String url() {
		return "http://127.0.0.1:" + port();
	}

	public int port() {
		return this.server != null ? this.server.getAddress().getPort() : this.port;
	}

	public List<Received> received() {
		return this.received;
	}

	public void stop() {
		this.server.stop(0);
	}

	/** Starts listening again on the port it had. */
	public void restart() {
		int previous = port();
		this.server.stop(0);
		listen(previous);
	}

	private void listen(int on) {
		try {
			HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 0);
			started.createContext("/", this::answer);
			started.start();
			this.server = started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void answer(HttpExchange exchange) throws IOException {
		long bodyBytes;
		try (InputStream body = exchange.getRequestBody()) {
			bodyBytes = body.transferTo(OutputStream.nullOutputStream());
		}
		this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
				exchange.getRequestHeaders(), bodyBytes));
		String query = exchange.getRequestURI().getQuery();
		if (query != null && query.startsWith("sleep=")) {
			sleep(Long.parseLong(query.substring("sleep=".length())));
		}
		byte[] bytes = (this.name + " " + exchange.getRequestURI() + " id="
				+ exchange.getRequestHeaders().getFirst("X-Request-Id"))
			.getBytes(StandardCharsets.UTF_8);
		// As web and ml do: the id they were given goes back in the answer.
		String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
		if (requestId != null) {
			exchange.getResponseHeaders().set("X-Request-Id", requestId);
		}
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
