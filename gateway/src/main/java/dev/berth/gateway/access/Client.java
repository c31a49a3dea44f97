package dev.berth.gateway.access;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who sent a request: its address (the connection's, or the one a trusted proxy
 * forwarded) and the name of the API key it presented, if that key is valid.
 *
 * @param address the client's IP address
 * @param keyName the valid key's name, or null
 * @param presentedKey whether the request carried any key, valid or not
 */
public record Client(String address, String keyName, boolean presentedKey) {

	static final String ATTRIBUTE = Client.class.getName();

	/** The client of this exchange; known once {@link ClientFilter} has run. */
	public static Client of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	/** The name to count and log this client by: its key's name, else its address. */
	public String id() {
		return this.keyName != null ? "key:" + this.keyName : this.address;
	}

}
