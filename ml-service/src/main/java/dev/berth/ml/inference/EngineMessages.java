package dev.berth.ml.inference;

/** Turns libtorch's multi-line errors into one line a client or an operator can read. */
final class EngineMessages {

	private static final String PYTHON_ERROR_MARKER = "Error: ";

	private EngineMessages() {
	}

	/**
	 * The gist of an engine error. TorchScript errors carry a Python-style traceback
	 * whose last {@code SomethingError: ...} line is the useful part; other errors are
	 * cut to their first line.
	 */
	static String summary(Throwable error) {
		String message = error.getMessage();
		if (message == null || message.isBlank()) {
			return error.getClass().getSimpleName();
		}
		String[] lines = message.strip().split("\\R");
		for (int i = lines.length - 1; i >= 0; i--) {
			String line = lines[i].strip();
			int marker = line.indexOf(PYTHON_ERROR_MARKER);
			if (marker > 0 && line.substring(0, marker).matches("[A-Za-z.]*")) {
				return line.substring(marker + PYTHON_ERROR_MARKER.length()).strip();
			}
		}
		return lines[0].strip();
	}

}
