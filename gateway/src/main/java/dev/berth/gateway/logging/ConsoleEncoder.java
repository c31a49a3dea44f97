package dev.berth.gateway.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Lines as text with {@code pattern}, or, when {@code format} names a structured format
 * ({@code ecs}, {@code logstash}, {@code gelf}:
 * {@code logging.structured.format.console}), as one JSON object each, as Spring Boot
 * writes them in web and ml. Logback's own configuration cannot choose an encoder by a
 * property that may be empty, hence this one.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

	private String format = "";

	private String pattern;

	private Encoder<ILoggingEvent> delegate;

	public void setFormat(String format) {
		this.format = (format != null) ? format.strip() : "";
	}

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	@Override
	public void start() {
		if (this.format.isEmpty()) {
			PatternLayoutEncoder text = new PatternLayoutEncoder();
			text.setPattern(this.pattern);
			this.delegate = text;
		}
		else {
			StructuredLogEncoder structured = new StructuredLogEncoder();
			structured.setFormat(this.format);
			this.delegate = structured;
		}
		this.delegate.setContext(getContext());
		this.delegate.start();
		super.start();
	}

	@Override
	public void stop() {
		if (this.delegate != null) {
			this.delegate.stop();
		}
		super.stop();
	}

	@Override
	public byte[] headerBytes() {
		return this.delegate.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return this.delegate.encode(event);
	}

	@Override
	public byte[] footerBytes() {
		return this.delegate.footerBytes();
	}

}
