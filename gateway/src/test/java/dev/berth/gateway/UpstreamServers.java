package dev.berth.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Test classes that extend this route the gateway to two real HTTP servers standing in
 * for web and ml, shared by every such class: tests compare what the servers received
 * before and after, never the totals.
 */
public abstract class UpstreamServers {

	protected static final TestUpstream web = TestUpstream.start("web");

	protected static final TestUpstream ml = TestUpstream.start("ml");

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("berth.gateway.web-url", web::url);
		registry.add("berth.gateway.ml-url", ml::url);
	}

}
