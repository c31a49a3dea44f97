/**
 * Durable batch jobs: many pictures uploaded at once ({@code POST /api/jobs}, pictures or
 * ZIPs), stored as a job and its items ({@code batch_job}, {@code batch_job_item}), and
 * classified in the background by workers that claim items with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, one model call per claimed batch. Progress
 * as JSON and server-sent events, results as CSV.
 */
package dev.berth.web.job;
