-- Uses one grant of a template, if the resident holds one. A call that runs again (see accept-grant.lua) answers
-- what it answered the first time and spends nothing more.
-- KEYS[1] the resident's grant counts  KEYS[2] the resident's recent grant operations (hash operation id → answer)
-- ARGV[1] template id  ARGV[2] this call's operation id  ARGV[3] how long an operation id is kept, in seconds
-- Returns 1 if a grant was used, 0 if none was left.
local done = redis.call('HGET', KEYS[2], ARGV[2])
if done then
  return tonumber(done)
end
local used = 0
local left = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if left == 1 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  used = 1
elseif left > 1 then
  redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
  used = 1
end
redis.call('HSET', KEYS[2], ARGV[2], used)
redis.call('EXPIRE', KEYS[2], ARGV[3])
return used
