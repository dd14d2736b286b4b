-- Gives back a grant that was spent on a message that never reached WeChat. A call that runs again (see
-- accept-grant.lua) answers what it answered the first time and gives back nothing more.
-- KEYS[1] the resident's grant counts  KEYS[2] the resident's recent grant operations (hash operation id → answer)
-- ARGV[1] template id  ARGV[2] this call's operation id  ARGV[3] how long an operation id is kept, in seconds
-- Returns the grants now held for the template.
local done = redis.call('HGET', KEYS[2], ARGV[2])
if done then
  return tonumber(done)
end
local held = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('HSET', KEYS[2], ARGV[2], held)
redis.call('EXPIRE', KEYS[2], ARGV[3])
return held
