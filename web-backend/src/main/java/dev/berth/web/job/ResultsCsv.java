package dev.berth.web.job;

import java.io.IOException;
import java.io.Writer;

/**
 * A job's results as CSV (RFC 4180): a header, then one row per picture. Text that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is
 * prefixed with a quote, so a file named {@code =HYPERLINK(...).png} stays text.
 */
final class ResultsCsv {

	static final String HEADER = "item,file,status,predicted_label,confidence,error,prediction_id";

	private final Writer out;

	ResultsCsv(Writer out) throws IOException {
		this.out = out;
		out.write(HEADER);
		out.write("\r\n");
	}

	void row(int item, String file, String status, Integer predictedLabel, Double confidence, String error,
			Long predictionId) throws IOException {
		out.write(item + "," + text(file) + "," + status + "," + number(predictedLabel) + "," + number(confidence) + ","
				+ text(error) + "," + number(predictionId) + "\r\n");
	}

	static String text(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String cell = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
			return '"' + cell.replace("\"", "\"\"") + '"';
		}
		return cell;
	}

	private static String number(Object value) {
		return value == null ? "" : value.toString();
	}

}
