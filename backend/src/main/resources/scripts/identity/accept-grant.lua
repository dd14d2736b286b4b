-- Counts one "accept" of a subscribe template. The mini-program reports an accept and WeChat pushes
-- the same accept as an event; each source keeps a short-lived tally of accepts the other has not
-- echoed yet, so the pair counts once, whichever comes first.
-- KEYS[1] the resident's grant counts (hash template id → n)  KEYS[2] the resident's echo tallies
-- ARGV[1] template id  ARGV[2] this source ("client" or "push")  ARGV[3] the other source
-- ARGV[4] how long an accept waits for its echo, in seconds
-- Returns the grants now held for the template.
local other = ARGV[3] .. ':' .. ARGV[1]
if tonumber(redis.call('HGET', KEYS[2], other) or '0') > 0 then
  redis.call('HINCRBY', KEYS[2], other, -1)
  return tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
end
redis.call('HINCRBY', KEYS[2], ARGV[2] .. ':' .. ARGV[1], 1)
redis.call('EXPIRE', KEYS[2], ARGV[4])
return redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
