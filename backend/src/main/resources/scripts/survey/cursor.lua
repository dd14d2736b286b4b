-- Moves the event cursor forward to ARGV[1] (a stream id), never back.
-- KEYS[1] event cursor
--! use lib/stream-id
if after(ARGV[1], redis.call('GET', KEYS[1])) then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0
