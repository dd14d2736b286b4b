-- A district's next tracking number of the day. Given a resident's counter for this hour, it first counts the submission there
-- and takes no number over the limit: a report costs one round trip for both, and a refused one no number.
-- KEYS[1] the district's sequence of the day  KEYS[2] (optional) the resident's submissions this hour
-- ARGV[1] the sequence's lifetime in seconds  ARGV[2] the counter's lifetime in seconds  ARGV[3] the hourly limit
-- Returns {submissions this hour (0 without a counter), the number (0: over the limit, none taken)}.
local count = 0
if KEYS[2] then
  count = redis.call('INCR', KEYS[2])
  if count == 1 then
    redis.call('EXPIRE', KEYS[2], ARGV[2])
  end
  if count > tonumber(ARGV[3]) then
    return {count, 0}
  end
end
local number = redis.call('INCR', KEYS[1])
if number == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return {count, number}
