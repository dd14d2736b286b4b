-- Counts one "accept" of a subscribe template. The mini-program reports an accept and WeChat pushes
-- the same accept as an event; each source keeps a short-lived tally of accepts the other has not
-- echoed yet, so the pair counts once, whichever comes first. A call that runs again (Lettuce re-sends a command
-- whose connection dropped; on a cluster that may meet MOVED and run on the new master) answers what it answered
-- the first time and counts nothing more: its operation id is kept for a while with its answer.
-- KEYS[1] the resident's grant counts (hash template id → n)  KEYS[2] the resident's echo tallies
-- KEYS[3] the resident's recent grant operations (hash operation id → answer)
-- ARGV[1] template id  ARGV[2] this source ("client" or "push")  ARGV[3] the other source
-- ARGV[4] how long an accept waits for its echo, in seconds  ARGV[5] this call's operation id
-- ARGV[6] how long an operation id is kept, in seconds
-- Returns the grants now held for the template.
local done = redis.call('HGET', KEYS[3], ARGV[5])
if done then
  return tonumber(done)
end
local held
local other = ARGV[3] .. ':' .. ARGV[1]
if tonumber(redis.call('HGET', KEYS[2], other) or '0') > 0 then
  redis.call('HINCRBY', KEYS[2], other, -1)
  held = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
else
  redis.call('HINCRBY', KEYS[2], ARGV[2] .. ':' .. ARGV[1], 1)
  redis.call('EXPIRE', KEYS[2], ARGV[4])
  held = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
end
redis.call('HSET', KEYS[3], ARGV[5], held)
redis.call('EXPIRE', KEYS[3], ARGV[6])
return held
