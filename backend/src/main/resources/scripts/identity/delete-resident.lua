-- Erases a resident: the profile, the openid index entry, the session set and every session, the subscribe
-- grants and their echo tallies, in one step.
-- KEYS[1] resident hash  KEYS[2] openid index  KEYS[3] the resident's session set
-- KEYS[4] its subscribe grants  KEYS[5] its grant echo tallies  KEYS[6..] its sessions
-- ARGV[1] session key prefix
-- The caller read the session set just before; if a session was opened since, answers -1 and the
-- caller reads again, so no session outlives its resident. Otherwise answers how many session keys it
-- was given (ended ones included).
local passed = {}
for i = 6, #KEYS do
  passed[KEYS[i]] = true
end
for _, hash in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if not passed[ARGV[1] .. hash] then
    return -1
  end
end
redis.call('DEL', unpack(KEYS))
return #KEYS - 5
