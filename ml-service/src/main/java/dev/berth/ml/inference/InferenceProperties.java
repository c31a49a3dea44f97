package dev.berth.ml.inference;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How models run. Defaults suit a small CPU (2 cores); see application.yml.
 *
 * @param intraOpThreads threads PyTorch uses inside one operator; 1 keeps tail latency
 * low when several predictors already share the cores
 * @param interOpThreads threads PyTorch uses to run independent operators in parallel
 * @param predictorsPerModel predictors (one forward pass at a time each) kept per model
 * version
 * @param predictorWait how long a request may wait for its forward pass (queued behind
 * others, or for a free predictor) before it is answered 503
 * @param warmupRuns forward passes per predictor at load time, before the model reports
 * ready; at least one, since the first also proves that the config matches the module
 * @param graphOptimizer whether TorchScript's profiling graph executor re-optimises the
 * graph; off by default, since dynamic batching feeds ever-changing batch sizes that it
 * keeps re-specialising for, and batched throughput was higher without it
 */
@Validated
@ConfigurationProperties("berth.ml.inference")
public record InferenceProperties(@DefaultValue("1") @Min(1) int intraOpThreads,
		@DefaultValue("1") @Min(1) int interOpThreads, @DefaultValue("2") @Min(1) int predictorsPerModel,
		@DefaultValue("10s") @NotNull Duration predictorWait, @DefaultValue("2") @Min(1) int warmupRuns,
		@DefaultValue("false") boolean graphOptimizer) {
}
