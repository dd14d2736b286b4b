-- Erases a resident's keys in its shard: the profile, the session set and every session, the subscribe grants and
-- their echo tallies, in one step. The caller unlinked the openid before (unlink-openid.lua) and logs the sessions
-- as ended after (log-ended.lua): both live in other slots.
-- KEYS[1] resident hash  KEYS[2] the resident's session set  KEYS[3] its subscribe grants
-- KEYS[4] its grant echo tallies  KEYS[5] its recent grant operations  KEYS[6..] its sessions
-- ARGV[1] session key prefix
-- The caller read the session set just before; if a session was opened since, answers -1 and the
-- caller reads again, so no session outlives its resident. Otherwise answers how many session keys it
-- was given (ended ones included).
local passed = {}
for i = 6, #KEYS do
  passed[KEYS[i]] = true
end
for _, hash in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if not passed[ARGV[1] .. hash] then
    return -1
  end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
if #KEYS >= 6 then
  redis.call('DEL', unpack(KEYS, 6))
end
return #KEYS - 5
