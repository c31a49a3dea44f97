package dev.berth.shutdown;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The drain before the graceful shutdown. An orchestrator takes a stopping replica out of
 * DNS and then signals it; callers still hold pooled keep-alive connections to it. Were
 * it to close them at once, a request sent on one at that moment would fail. So for
 * {@code berth.shutdown.drain} it goes on answering, each answer with
 * {@code Connection: close}: callers drop their connections here and open new ones to the
 * replicas they now resolve. Its phase stops before the web server's graceful shutdown,
 * which then has nothing left to cut off.
 */
class ShutdownDrain extends OncePerRequestFilter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

	private final ShutdownProperties properties;

	private volatile boolean running;

	private volatile boolean draining;

	ShutdownDrain(ShutdownProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.draining) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		chain.doFilter(request, response);
	}

	@Override
	public void start() {
		this.draining = false;
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.properties.drain().isPositive()) {
			log.info("Draining for {} before shutting down: answering, and closing each connection after its answer",
					this.properties.drain());
			this.draining = true;
			try {
				Thread.sleep(this.properties.drain());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** The highest phase: it stops first, before the web server's graceful shutdown. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
