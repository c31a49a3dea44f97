/**
 * Dynamic batching: concurrent requests to one model version are queued and run as one
 * forward pass ({@link dev.berth.ml.batching.DynamicBatcher}), up to a maximum batch size
 * or a maximum queue delay, with server-wide defaults
 * ({@link dev.berth.ml.batching.BatchingProperties}) that each model's {@code config.yml}
 * may override ({@link dev.berth.ml.batching.DynamicBatching#forModel}). Builds on the
 * inference package's predictors; knows nothing about HTTP or the model repository's
 * layout.
 *
 * <h2>The hand-off protocol</h2>
 *
 * <p>
 * A batcher has no thread of its own: the threads of the requests run the forward passes.
 * A request to an idle server so runs on its own thread with no hand-off, and an idle
 * server has no thread awake (a prototype with worker threads was slower than a plain
 * predictor-per-request server at one client, and burnt CPU waiting).
 *
 * <p>
 * <b>States.</b> A request ({@code PendingRequest}) only moves forward:
 *
 * <pre>
 *           offer()             takeBatch(), by a leader          run() completes it
 * arrives ---------> QUEUED ----------------------------> TAKEN --------------------> DONE
 *    |                 |
 *    | queue full      | withdraw(), by its own thread: it waited the predictor wait,
 *    v                 v                                or the batcher has closed
 * 503 queue_full    CANCELLED: 503 timeout or shutting_down
 * </pre>
 *
 * <p>
 * <b>Who runs a batch.</b> A thread whose request is QUEUED and that finds a predictor
 * idle takes it and leads: it takes batches off the head of the queue
 * ({@code BatchQueue.takeBatch}: the oldest request, then those behind it that stack with
 * it, up to the max batch size, waiting up to the max queue delay for more) and runs them
 * on its predictor until its own request has been taken, then puts the predictor back. A
 * leader may so run other requests' batches before its own. Only the thread holding a
 * predictor runs it.
 *
 * <p>
 * <b>What wakes whom.</b> Every thread parks on itself. A request's thread that finds no
 * predictor idle parks until:
 * <ul>
 * <li>the leader that ran its batch completes it (DONE) and unparks it;
 * <li>a leader puts a predictor back, or sees more queued than its batch took, and
 * unparks the oldest queued request whose thread holds no predictor
 * ({@code wakeSuccessor}); that thread takes the free predictor and leads;
 * <li>its deadline (the predictor wait) passes: it withdraws its request, passes on any
 * wake-up it was given, and answers 503.
 * </ul>
 * A leader holding a batch back for more requests (max queue delay) parks too; each
 * arrival unparks it, and so does {@code flush()}, which on shutdown stops all holding
 * back. Closing a batcher refuses new requests, takes every predictor as it comes back
 * and serves the queue with it; a request queued after that withdraws itself.
 *
 * <pre>
 * predictors: [p]   thread A, request a              thread B, request b
 *                   offer a; takes p, leads
 *                   takeBatch: [a]                   offer b; no predictor idle: parks
 *                   runs [a] on p: a DONE
 *                   puts p back, unparks B  -------> wakes; b QUEUED: takes p, leads
 *                   returns a's outputs              takeBatch: [b]; runs it: b DONE
 * </pre>
 *
 * <p>
 * <b>Guarantees</b>, each held by the test of that name in {@code DynamicBatcherIT}:
 * <ul>
 * <li>{@code everyRequestGetsExactlyItsOwnRowsHoweverItIsStacked}
 * <li>{@code overlappingRequestsShareForwardPassesOfAtMostTheMaxBatchSize}
 * <li>{@code aRequestNeverWaitsWhileAPredictorIsIdle}
 * <li>{@code withBatchingOffEveryForwardPassRunsOneRequest}
 * <li>{@code aHeldBatchGoesAsSoonAsItIsFull}
 * <li>{@code aFullQueueRefusesAtOnceAndTheModelKeepsServing}
 * <li>{@code closingAnswersEveryQueuedRequestThenRefusesNewOnes}
 * </ul>
 * and by {@code GracefulShutdownIT}: on shutdown, queued requests are answered before the
 * models close.
 */
package dev.berth.ml.batching;
