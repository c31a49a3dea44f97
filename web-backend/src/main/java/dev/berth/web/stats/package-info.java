/**
 * What the stored predictions and people's labels add up to: accuracy per model version,
 * the confusion matrix, and activity per day, each computed by one grouped query in the
 * database.
 */
package dev.berth.web.stats;
