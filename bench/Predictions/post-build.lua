-- wrk: POST one typical pull-request build as JSON with the API key, to whichever path wrk was given.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = os.getenv("BENCH_API_KEY")
wrk.body = '{"buildId":"ci-1234","filesModified":3,"linesAdded":40,"linesDeleted":12,"commits":2,' ..
  '"hourOfDay":14,"dayOfWeek":2,"isPullRequest":true,"isMainBranch":false,"previousBuildFailed":false,' ..
  '"previousDurationSeconds":420,"recentFailureRatio":0.2,"testFiles":1,"dependencyCount":85}'

-- wrk has no constant-rate mode: with BENCH_DELAY_MS each connection waits that long before each
-- request, so C connections send about C * 1000 / (delay + latency) requests per second.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause then
  function delay() return pause end
end

-- Count non-2xx answers so a run of fast 4xx/5xx cannot pass for throughput.
local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d (errors: connect %d, read %d, write %d, timeout %d)\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("p50 %.3f ms  p95 %.3f ms  p99 %.3f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
