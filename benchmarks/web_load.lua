-- wrk script for benchmarks/web_load.py: an optional pause per user, and one JSON summary line.
--
--   wrk -t1 -c200 -d10s -s benchmarks/web_load.lua URL -- PAUSE_MS
--
-- PAUSE_MS > 0: every connection is a user who waits a random 0.5 to 1.5 times PAUSE_MS before
-- each request (people reading pages); the latency is measured from the moment the request is
-- sent, so the pause is not counted. 0 or absent: back to back (saturation).

function init(args)
   local pause_ms = tonumber(args[1]) or 0
   if pause_ms > 0 then
      -- Defined only when pausing: without a delay function wrk sends back to back at full speed.
      math.randomseed(os.time())
      delay = function()
         return math.floor(pause_ms * (0.5 + math.random()))
      end
   end
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      '{"requests": %d, "microseconds": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, ' ..
      '"p99_us": %d, "max_us": %d, "connect_errors": %d, "read_errors": %d, ' ..
      '"write_errors": %d, "timeouts": %d, "bad_status": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
