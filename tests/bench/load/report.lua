-- wrk script of tests/bench/load/run.sh: sends the member's access token (environment variable
-- ORGS_BENCH_TOKEN, if set) and prints one machine-readable line with the results.

local token = os.getenv("ORGS_BENCH_TOKEN")
if token and token ~= "" then
	wrk.headers["Authorization"] = "Bearer " .. token
end

done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		"WRK_RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d errors=%d non2xx=%d\n",
		summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(90), latency:percentile(99),
		e.connect + e.read + e.write + e.timeout, e.status))
end
