package dev.berth.ml.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.berth.ml.V2Client;
import dev.berth.ml.V2Client.Reply;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * By default the management API does not exist: 404 as for any unknown path, token or
 * not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "berth.ml.model-repository=model-repository")
class ManagementApiDisabledIT {

	@LocalServerPort
	int port;

	@Test
	void everyManagementEndpointIs404() {
		V2Client client = new V2Client(port);
		for (String[] call : new String[][] { { "GET", "/v2/repository/index" }, { "POST", "/v2/repository/index" },
				{ "POST", "/v2/repository/models/mnist/load" }, { "POST", "/v2/repository/models/mnist/unload" } }) {
			for (Map<String, String> headers : List.of(Map.<String, String>of(),
					Map.of("Authorization", "Bearer anything-at-all-0123456789"))) {
				Reply reply = client.send(call[0], call[1], null, headers);
				assertThat(reply.status()).as(call[0] + " " + call[1]).isEqualTo(404);
				assertThat(reply.error()).startsWith("no such endpoint");
			}
		}
		assertThat(client.get("/v2/models/mnist/ready").status()).as("still serving").isEqualTo(200);
	}

}
