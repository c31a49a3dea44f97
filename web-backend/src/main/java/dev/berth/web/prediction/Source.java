package dev.berth.web.prediction;

/** Where the image of a prediction came from. */
public enum Source {

	/** Drawn on the browser app's pad. */
	DRAWN,

	/** A picture a person uploaded. */
	UPLOADED,

	/** An item of a batch job. */
	BATCH,

	/** 784 pixel values posted by a program. */
	API

}
