-- Uses one grant of a template, if the resident holds one.
-- KEYS[1] the resident's grant counts  ARGV[1] template id
-- Returns 1 if a grant was used, 0 if none was left.
local left = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if left <= 0 then
  return 0
end
if left == 1 then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
end
return 1
