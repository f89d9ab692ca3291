-- wrk: POSTs the same filled-in NDC form (action=submit) on every request.
-- bench.py puts report.lua after this file.  Environment: BENCH_POST_BODY
-- (a file with the urlencoded form, its csrf field included) and
-- BENCH_POST_COOKIE (the matching "cc_csrf=..." cookie).
local f = assert(io.open(os.getenv("BENCH_POST_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_POST_COOKIE")
