-- wrk script of tests/bench/load/run.sh: POST /orgs with a new organization per request, named
-- ORGS_BENCH_WRITE_PREFIX-<start>-<thread>-<n> (the prefix is unique to the run; <start>, the
-- second the script was loaded, keeps the measurement's names apart from its warm-up's).
-- Loaded before report.lua, which sends the token and prints the results.

local prefix = (os.getenv("ORGS_BENCH_WRITE_PREFIX") or "bench") .. "-" .. os.time()
local started = 0
wrk.headers["Content-Type"] = "application/json"

setup = function(thread)
	thread:set("index", started)
	started = started + 1
end

local sent = 0

request = function()
	sent = sent + 1
	local name = prefix .. "-" .. (index or 0) .. "-" .. sent
	return wrk.format("POST", nil, nil, '{"username":"' .. name .. '","title":"Bench"}')
end
