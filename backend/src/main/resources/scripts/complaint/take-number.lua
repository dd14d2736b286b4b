-- A district's next tracking number of the day: 1, 2, 3, … (the resident's hourly limit is counted before, apart).
-- KEYS[1] the district's sequence of the day  ARGV[1] the sequence's lifetime in seconds
-- Returns the number.
local number = redis.call('INCR', KEYS[1])
if number == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return number
