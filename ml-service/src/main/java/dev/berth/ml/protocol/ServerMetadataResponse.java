package dev.berth.ml.protocol;

import java.util.List;

/** {@code $metadata_server_response}. */
record ServerMetadataResponse(String name, String version, List<String> extensions) {
}
