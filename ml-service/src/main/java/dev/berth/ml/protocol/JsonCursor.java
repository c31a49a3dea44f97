package dev.berth.ml.protocol;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader over one UTF-8 body held in memory, read front to back
 * by a recursive-descent caller: {@link #peek()} says what the next value is, and one
 * call consumes it.
 *
 * <p>
 * It exists for the inference hot path. A V2 request for one 28x28 digit is 784 numbers
 * such as {@code 0.0} or {@code 0.286}; Jackson's streaming parser copies each into a
 * character buffer and runs a general floating-point parser on it, which made reading the
 * request a tenth of ml-service's CPU under load. Here the digits become a double
 * straight from the bytes (Clinger's fast path: a mantissa of at most 15 digits and a
 * power of ten up to 22 are exact doubles, so one multiplication or division rounds
 * correctly); other numbers go to {@link Double#parseDouble}.
 *
 * <p>
 * Every syntax error is a {@link MalformedJsonException} with its line and column.
 * Nesting is limited to {@value #MAX_DEPTH} levels and numbers to
 * {@value #MAX_NUMBER_LENGTH} characters, as in Jackson, so a body of brackets cannot
 * exhaust the stack, nor one long number the CPU.
 */
final class JsonCursor {

	/** The kinds of JSON value. */
	enum Kind {

		OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL

	}

	static final int MAX_DEPTH = 500;
	static final int MAX_NUMBER_LENGTH = 1000;

	// Every power of ten up to 10^22 is an exact double.
	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
			1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, };

	private final byte[] json;

	private final int end;

	private int at;

	private int depth;

	// Per open object or array: whether it has had a member yet, i.e. whether the next
	// one needs a comma.
	private final boolean[] started = new boolean[MAX_DEPTH + 1];

	// The number read last.
	private int numberStart;

	private int numberEnd;

	private boolean integral;

	/** A cursor at the start of {@code json}, a whole body of UTF-8 JSON. */
	JsonCursor(byte[] json) {
		this.json = json;
		this.end = json.length;
	}

	/** What the next value is, without consuming it. */
	Kind peek() {
		skipWhitespace();
		if (at == end) {
			throw malformed("the body ends where a value was expected");
		}
		return switch (json[at]) {
			case '{' -> Kind.OBJECT;
			case '[' -> Kind.ARRAY;
			case '"' -> Kind.STRING;
			case 't' -> Kind.TRUE;
			case 'f' -> Kind.FALSE;
			case 'n' -> Kind.NULL;
			case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> Kind.NUMBER;
			default -> throw malformed("unexpected " + describeByte() + " where a value was expected");
		};
	}

	/** Whether only whitespace is left. */
	boolean atEnd() {
		skipWhitespace();
		return at == end;
	}

	void beginObject() {
		open('{');
	}

	/**
	 * The next member's name, consuming its colon; null (consuming the closing brace)
	 * when there is none.
	 */
	String nextName() {
		if (!nextMember('}')) {
			return null;
		}
		if (at == end || json[at] != '"') {
			throw malformed("expected a member name in double quotes, found " + describeByte());
		}
		String name = string();
		skipWhitespace();
		expect(':');
		return name;
	}

	void beginArray() {
		open('[');
	}

	/**
	 * Whether the array has another element (then positioned before it); false consumes
	 * the closing bracket.
	 */
	boolean nextElement() {
		return nextMember(']');
	}

	/**
	 * Consumes {@code null}, {@code true} or {@code false} as {@link #peek()} announced
	 * it.
	 */
	void literal(Kind kind) {
		String word = switch (kind) {
			case TRUE -> "true";
			case FALSE -> "false";
			case NULL -> "null";
			default -> throw new IllegalArgumentException(kind + " is not a literal");
		};
		for (int i = 0; i < word.length(); i++) {
			if (at == end || json[at] != word.charAt(i)) {
				throw malformed("unrecognised token, expected '" + word + "'");
			}
			at++;
		}
		requireDelimiter();
	}

	/** Reads the string that {@link #peek()} announced. */
	String string() {
		at++; // the opening quote
		int start = at;
		while (at < end) {
			byte b = json[at];
			if (b == '"') {
				at++;
				// All ASCII so far: Latin-1 decoding is exact and the cheapest.
				return new String(json, start, at - 1 - start, StandardCharsets.ISO_8859_1);
			}
			if (b == '\\' || b < 0x20) {
				// Escapes, UTF-8 beyond ASCII (negative bytes) or an illegal control
				// character.
				return slowString(start);
			}
			at++;
		}
		throw malformed("the body ends inside a string");
	}

	/**
	 * Reads the number that {@link #peek()} announced and returns it as the nearest
	 * double; {@link #integral()} and {@link #numberText()} then describe it.
	 */
	double number() {
		numberStart = at;
		boolean negative = json[at] == '-';
		if (negative) {
			at++;
		}
		long mantissa = 0;
		int significant = 0;
		int digits = 0;
		int exponent = 0;
		// Integer part: one zero, or digits without a leading zero.
		if (at < end && json[at] == '0') {
			at++;
			digits = 1;
		}
		else {
			while (at < end && isDigit(json[at])) {
				// Past 15 digits the value goes to Double.parseDouble; 18 cannot overflow
				// a long.
				if (significant < 18) {
					mantissa = mantissa * 10 + (json[at] - '0');
				}
				significant++;
				digits++;
				at++;
			}
		}
		if (digits == 0) {
			throw malformed("invalid number: a digit must follow '-'");
		}
		integral = true;
		if (at < end && json[at] == '.') {
			integral = false;
			at++;
			int fractionDigits = 0;
			while (at < end && isDigit(json[at])) {
				int digit = json[at] - '0';
				if (significant == 0 && digit == 0) {
					exponent--; // a leading zero of the fraction: not significant
				}
				else {
					if (significant < 18) {
						mantissa = mantissa * 10 + digit;
						exponent--;
					}
					significant++;
				}
				fractionDigits++;
				at++;
			}
			if (fractionDigits == 0) {
				throw malformed("invalid number: a digit must follow the decimal point");
			}
		}
		if (at < end && (json[at] == 'e' || json[at] == 'E')) {
			integral = false;
			at++;
			boolean negativeExponent = false;
			if (at < end && (json[at] == '+' || json[at] == '-')) {
				negativeExponent = json[at] == '-';
				at++;
			}
			int written = 0;
			int exponentDigits = 0;
			while (at < end && isDigit(json[at])) {
				if (written < 100_000) {
					written = written * 10 + (json[at] - '0');
				}
				exponentDigits++;
				at++;
			}
			if (exponentDigits == 0) {
				throw malformed("invalid number: a digit must follow the exponent mark");
			}
			exponent += negativeExponent ? -written : written;
		}
		numberEnd = at;
		if (numberEnd - numberStart > MAX_NUMBER_LENGTH) {
			// Converting thousands of digits (BigInteger, BigDecimal) takes time that
			// grows faster than the text.
			throw malformed("a number longer than %d characters".formatted(MAX_NUMBER_LENGTH));
		}
		requireDelimiter();
		if (significant <= 15 && exponent >= -22 && exponent <= 22) {
			return exact(mantissa, exponent, negative);
		}
		return Double.parseDouble(numberText());
	}

	/**
	 * Reads the short decimals that come next in the innermost array (such as {@code 0.0}
	 * or {@code -0.286}: at most 15 significant digits, no exponent) into {@code values}
	 * from {@code count} on, while there is room. Stops before anything else (the closing
	 * bracket, a nested array, a literal, any other number, malformed text), which
	 * {@link #nextElement()} and the other methods then read and check as usual. This
	 * loop is most of the work of reading a request for one image.
	 * @return the new count
	 */
	int shortDecimals(double[] values, int count) {
		int p = at;
		boolean more = started[depth];
		while (count < values.length) {
			while (p < end && isWhitespace(json[p])) {
				p++;
			}
			if (more) {
				if (p == end || json[p] != ',') {
					break;
				}
				p++;
				while (p < end && isWhitespace(json[p])) {
					p++;
				}
			}
			boolean negative = p < end && json[p] == '-';
			if (negative) {
				p++;
			}
			if (p == end || !isDigit(json[p])) {
				break;
			}
			long mantissa = 0;
			int significant = 0;
			int exponent = 0;
			if (json[p] == '0') {
				p++;
			}
			else {
				while (p < end && isDigit(json[p]) && significant <= 15) {
					mantissa = mantissa * 10 + (json[p++] - '0');
					significant++;
				}
			}
			if (p < end && json[p] == '.') {
				int fraction = ++p;
				while (p < end && isDigit(json[p]) && significant <= 15) {
					mantissa = mantissa * 10 + (json[p++] - '0');
					exponent--;
					if (mantissa != 0) {
						significant++;
					}
				}
				if (p == fraction) {
					break;
				}
			}
			if (significant > 15 || exponent < -22 || (p < end && !isDelimiter(json[p]))) {
				break;
			}
			values[count++] = exact(mantissa, exponent, negative);
			at = p;
			more = true;
		}
		started[depth] = more;
		return count;
	}

	/** Whether the number read last had neither a fraction nor an exponent. */
	boolean integral() {
		return integral;
	}

	/** The number read last as written. */
	String numberText() {
		return new String(json, numberStart, numberEnd - numberStart, StandardCharsets.ISO_8859_1);
	}

	/** The integral number read last as a long; null when it does not fit one. */
	Long numberAsLong() {
		try {
			return Long.parseLong(numberText());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	/**
	 * Consumes the next value, whatever it is, checking its syntax but keeping nothing of
	 * it.
	 */
	void skipValue() {
		Kind kind = peek();
		switch (kind) {
			case OBJECT -> {
				beginObject();
				while (nextName() != null) {
					skipValue();
				}
			}
			case ARRAY -> {
				beginArray();
				while (nextElement()) {
					skipValue();
				}
			}
			case STRING -> string();
			case NUMBER -> number();
			case TRUE, FALSE, NULL -> literal(kind);
		}
	}

	/**
	 * Reads the next value as plain Java: maps (in member order), lists, strings,
	 * booleans, null, and numbers as Integer, Long or BigInteger when integral, else
	 * Double.
	 */
	Object value() {
		Kind kind = peek();
		return switch (kind) {
			case OBJECT -> {
				Map<String, Object> map = new LinkedHashMap<>();
				beginObject();
				for (String name = nextName(); name != null; name = nextName()) {
					map.put(name, value());
				}
				yield map;
			}
			case ARRAY -> {
				List<Object> list = new ArrayList<>();
				beginArray();
				while (nextElement()) {
					list.add(value());
				}
				yield list;
			}
			case STRING -> string();
			case NUMBER -> {
				double value = number();
				if (!integral) {
					yield value;
				}
				Long exact = numberAsLong();
				if (exact == null) {
					yield new BigInteger(numberText());
				}
				yield exact == exact.intValue() ? (Object) exact.intValue() : exact;
			}
			case TRUE, FALSE, NULL -> {
				literal(kind);
				yield kind == Kind.NULL ? null : kind == Kind.TRUE;
			}
		};
	}

	MalformedJsonException malformed(String problem) {
		int line = 1;
		int lineStart = 0;
		for (int i = 0; i < Math.min(at, end); i++) {
			if (json[i] == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return MalformedJsonException.at(line, at - lineStart + 1, problem);
	}

	private void open(char bracket) {
		skipWhitespace();
		expect(bracket);
		if (++depth > MAX_DEPTH) {
			throw malformed("nested deeper than " + MAX_DEPTH + " levels");
		}
		started[depth] = false;
	}

	/**
	 * Before the next member of the innermost object or array: false, consuming
	 * {@code close}, when there is none.
	 */
	private boolean nextMember(char close) {
		skipWhitespace();
		if (at < end && json[at] == close) {
			at++;
			depth--;
			return false;
		}
		if (started[depth]) {
			if (at == end || json[at] != ',') {
				throw malformed("expected ',' or '" + close + "', found " + describeByte());
			}
			at++;
			skipWhitespace();
		}
		else {
			started[depth] = true;
		}
		if (at == end) {
			throw malformed("the body ends inside " + (close == '}' ? "an object" : "an array"));
		}
		if (json[at] == close) {
			throw malformed("unexpected '" + close + "' after ','");
		}
		return true;
	}

	private void expect(char c) {
		if (at == end || json[at] != c) {
			throw malformed("expected '" + c + "', found " + describeByte());
		}
		at++;
	}

	/**
	 * A number or literal must end where a structural character or whitespace starts
	 * ("12ab" is no number).
	 */
	private void requireDelimiter() {
		if (at < end && !isDelimiter(json[at])) {
			throw malformed("unexpected " + describeByte() + " after a value");
		}
	}

	private void skipWhitespace() {
		while (at < end && isWhitespace(json[at])) {
			at++;
		}
	}

	/**
	 * A string with escapes or non-ASCII text, from its first character at {@code start}.
	 */
	private String slowString(int start) {
		StringBuilder text = new StringBuilder();
		int run = start;
		at = start;
		while (true) {
			if (at == end) {
				throw malformed("the body ends inside a string");
			}
			byte b = json[at];
			if (b == '"') {
				text.append(utf8(run, at));
				at++;
				return text.toString();
			}
			if (b >= 0 && b < 0x20) {
				throw malformed("unescaped control character (code %d) in a string".formatted(b));
			}
			if (b != '\\') {
				at++;
				continue;
			}
			text.append(utf8(run, at));
			at++;
			if (at == end) {
				throw malformed("the body ends inside a string");
			}
			byte escaped = json[at++];
			switch (escaped) {
				case '"', '\\', '/' -> text.append((char) escaped);
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'n' -> text.append('\n');
				case 'r' -> text.append('\r');
				case 't' -> text.append('\t');
				case 'u' -> text.append(hexChar());
				default -> {
					at--;
					throw malformed("invalid escape '\\" + describeByte() + "' in a string");
				}
			}
			run = at;
		}
	}

	private char hexChar() {
		if (end - at < 4) {
			throw malformed("a \\u escape needs four hex digits");
		}
		int value = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(json[at], 16);
			if (digit < 0) {
				throw malformed("a \\u escape needs four hex digits");
			}
			value = value * 16 + digit;
			at++;
		}
		return (char) value;
	}

	private String utf8(int from, int to) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(json, from, to - from))
				.toString();
		}
		catch (CharacterCodingException e) {
			throw malformed("a string is not valid UTF-8");
		}
	}

	private String describeByte() {
		if (at >= end) {
			return "the end of the body";
		}
		int b = json[at] & 0xff;
		return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : "byte 0x%02x".formatted(b);
	}

	/**
	 * mantissa x 10^exponent, correctly rounded: both factors are exact doubles (at most
	 * 15 digits, |exponent| at most 22), so the one multiplication or division rounds
	 * once.
	 */
	private static double exact(long mantissa, int exponent, boolean negative) {
		double value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
		return negative ? -value : value;
	}

	private static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

	private static boolean isDelimiter(byte b) {
		return b == ',' || b == ']' || b == '}' || isWhitespace(b);
	}

}
