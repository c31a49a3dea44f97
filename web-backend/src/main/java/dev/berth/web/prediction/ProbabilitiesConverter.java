package dev.berth.web.prediction;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores per-label probabilities as a JSON array of numbers ({@code [0.01,0.9,...]}),
 * which MariaDB's JSON functions can query for per-model analysis.
 */
@Converter
public class ProbabilitiesConverter implements AttributeConverter<double[], String> {

	@Override
	public String convertToDatabaseColumn(double[] probabilities) {
		// Double.toString of a finite double ("1.0E-5" included) is a valid JSON number.
		return probabilities == null ? null
				: Arrays.stream(probabilities).mapToObj(Double::toString).collect(Collectors.joining(",", "[", "]"));
	}

	@Override
	public double[] convertToEntityAttribute(String json) {
		if (json == null) {
			return null;
		}
		String body = json.strip();
		body = body.substring(1, body.length() - 1).strip();
		return body.isEmpty() ? new double[0]
				: Arrays.stream(body.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
	}

}
