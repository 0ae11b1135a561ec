-- wrk script of tests/bench/load/run.sh: POST /orgs/{org}/members with a new member per request.
-- The URL names an organization created for this run, so every account of the population
-- (u1 .. uN) is a new member of it: thread i of ORGS_BENCH_THREADS adds u(i), u(i + threads),
-- u(i + 2 threads), ... ORGS_BENCH_WRITE_FIRST (1) is the first account number used.
-- Loaded before report.lua, which sends the token and prints the results.

local threads = tonumber(os.getenv("ORGS_BENCH_THREADS") or "1")
local first = tonumber(os.getenv("ORGS_BENCH_WRITE_FIRST") or "1")
local started = 0
wrk.headers["Content-Type"] = "application/json"

setup = function(thread)
	thread:set("index", started)
	started = started + 1
end

local sent = 0

request = function()
	local n = first + sent * threads + (index or 0)
	sent = sent + 1
	return wrk.format("POST", nil, nil, '{"username":"u' .. n .. '"}')
end
