-- wrk script: POSTs the JSON file named by BENCH_BODY on every request (a static request, so no Lua
-- runs per request; with BENCH_BODY unset, plain GETs) and, when done, prints one machine-readable
-- line for the benchmark scripts.
if os.getenv("BENCH_BODY") then
  local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  file:close()
end
-- The gateway's inference API needs a key (BENCH_API_KEY); servers reached directly ignore it.
if os.getenv("BENCH_API_KEY") then
  wrk.headers["X-Api-Key"] = os.getenv("BENCH_API_KEY")
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"status_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
