-- Counts one more and, on the first, sets the expiry: a counter left without one would count for ever.
-- KEYS[1] the counter  ARGV[1] its lifetime in seconds
-- Returns the count.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return n
