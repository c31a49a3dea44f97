/**
 * The client of the ml service: one Open Inference Protocol (KServe V2) REST call per
 * classification, its settings ({@code berth.ml.*}) and the errors that mean "the model
 * is not there" (503) or "the model answered nonsense" (502).
 */
package dev.berth.web.inference;
