package dev.berth.gateway.upstream;

import dev.berth.gateway.GatewayProperties;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spreads the connections to an upstream over all of its replicas. Where one name stands
 * for several addresses (Swarm's {@code dnsrr} endpoint mode, a Kubernetes headless
 * Service), the resolver would otherwise keep the first address for the DNS answer's TTL
 * (Docker's: 600 s): every connection would go to one replica, and to a departed one
 * until the TTL ends. Here each new connection takes the next address in turn, an address
 * that refuses the connection is skipped for the next, and the addresses are asked again
 * after {@code upstream-address-ttl}.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamReplicas {

	@Bean
	HttpClientCustomizer roundRobinOverReplicas(GatewayProperties properties) {
		return (client) -> client.resolver((resolver) -> resolver.roundRobinSelection(true)
			.cacheMaxTimeToLive(properties.upstreamAddressTtl())
			.cacheNegativeTimeToLive(properties.upstreamAddressTtl()));
	}

}
