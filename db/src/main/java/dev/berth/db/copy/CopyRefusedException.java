package dev.berth.db.copy;

/**
 * The copy did not start because the databases are not fit for it (a schema version
 * mismatch, a target that holds rows, a type it cannot carry); the target is unchanged.
 * The message says what to do, in one line.
 */
class CopyRefusedException extends RuntimeException {

	CopyRefusedException(String message) {
		super(message);
	}

}
