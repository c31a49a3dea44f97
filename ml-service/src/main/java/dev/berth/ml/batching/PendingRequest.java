package dev.berth.ml.batching;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import dev.berth.ml.inference.Tensor;

/**
 * One request on its way through a {@link DynamicBatcher}: its inputs, its state, and in
 * the end its outputs or error, handed from the thread that ran its forward pass to the
 * thread that sent it. The state only moves forward (see the package documentation).
 */
final class PendingRequest {

	enum State {

		/** In the queue, waiting for a batch to take it. */
		QUEUED,
		/**
		 * Taken into a batch by a leader; its forward pass is about to run, or running.
		 */
		TAKEN,
		/** Its outputs, or its error, are in; its thread may return. */
		DONE,
		/** Withdrawn by its own thread, which gave up, before any batch took it. */
		CANCELLED

	}

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(PendingRequest.class, "state", State.class);
		}
		catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	final List<Tensor> inputs;

	final long rows;

	final Thread thread;

	final long enqueued = System.nanoTime();

	// Shapes without the batch dimension: requests stack only when these agree.
	private final long[][] rowShapes;

	private volatile State state = State.QUEUED;

	// Set while this request's thread holds a predictor, so it is not woken to take
	// another.
	volatile boolean leading;

	// Written before the volatile state becomes DONE, read after: visible to the waiting
	// thread.
	private List<Tensor> outputs;

	private Throwable error;

	PendingRequest(List<Tensor> inputs, boolean stacks, Thread thread) {
		this.inputs = inputs;
		this.thread = thread;
		if (stacks) {
			this.rows = inputs.get(0).shape()[0];
			this.rowShapes = new long[inputs.size()][];
			for (int i = 0; i < inputs.size(); i++) {
				long[] shape = inputs.get(i).shape();
				rowShapes[i] = Arrays.copyOfRange(shape, 1, shape.length);
			}
		}
		else {
			this.rows = 1;
			this.rowShapes = null;
		}
	}

	State state() {
		return state;
	}

	/** QUEUED to TAKEN; false when its thread withdrew it first. */
	boolean take() {
		return STATE.compareAndSet(this, State.QUEUED, State.TAKEN);
	}

	/** QUEUED to CANCELLED; false when a batch took it first. */
	boolean cancel() {
		return STATE.compareAndSet(this, State.QUEUED, State.CANCELLED);
	}

	boolean stacksWith(PendingRequest other) {
		return Arrays.deepEquals(rowShapes, other.rowShapes);
	}

	/** Hands the request its outputs, or its error, and wakes its thread. */
	void complete(List<Tensor> outputs, Throwable error) {
		this.outputs = outputs;
		this.error = error;
		state = State.DONE;
		if (thread != Thread.currentThread()) {
			LockSupport.unpark(thread);
		}
	}

	/** The outputs of a DONE request, or its error thrown. */
	List<Tensor> result() {
		if (error instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (error instanceof Error fatal) {
			throw fatal;
		}
		return outputs;
	}

}
