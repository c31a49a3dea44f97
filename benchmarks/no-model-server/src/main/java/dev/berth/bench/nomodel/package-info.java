/**
 * The no-model ceiling: ml-service's web stack and request path answering a fixed
 * response, without a model.
 */
package dev.berth.bench.nomodel;
