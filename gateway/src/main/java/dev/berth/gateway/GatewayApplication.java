package dev.berth.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	/**
	 * Reactor Netty's delayed last flush. Besides saving a flush per response, it ends a
	 * keep-alive request's operations as soon as the next request arrives. Without it, a
	 * request that comes in right after an answer the gateway gives itself (a 429, 401,
	 * 404) can wait until the previous request's operations end, and once in a few
	 * thousand requests it is never read (reactor-netty 1.3.6 and 1.3.7).
	 */
	static final String LAST_FLUSH_WHEN_NO_READ = "reactor.netty.http.server.lastFlushWhenNoRead";

	public static void main(String[] args) {
		// Read once, when Reactor Netty's server classes load: before anything starts.
		if (System.getProperty(LAST_FLUSH_WHEN_NO_READ) == null) {
			System.setProperty(LAST_FLUSH_WHEN_NO_READ, "true");
		}
		SpringApplication.run(GatewayApplication.class, args);
	}

}
