-- Erases a resident: the profile, the openid index entry, the session set and every session, the subscribe
-- grants and their echo tallies, in one step; each session is logged as ended, so every backend's session cache
-- drops it (SessionCache follows the log).
-- KEYS[1] resident hash  KEYS[2] openid index  KEYS[3] the resident's session set
-- KEYS[4] its subscribe grants  KEYS[5] its grant echo tallies  KEYS[6] revocations revision
-- KEYS[7] revocations log  KEYS[8..] its sessions
-- ARGV[1] session key prefix
-- The caller read the session set just before; if a session was opened since, answers -1 and the
-- caller reads again, so no session outlives its resident. Otherwise answers how many session keys it
-- was given (ended ones included).
--! use lib/change-log
local passed = {}
for i = 8, #KEYS do
  passed[KEYS[i]] = true
end
for _, hash in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if not passed[ARGV[1] .. hash] then
    return -1
  end
end
for i = 8, #KEYS do
  record_change(KEYS[6], KEYS[7], string.sub(KEYS[i], #ARGV[1] + 1))
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
if #KEYS >= 8 then
  redis.call('DEL', unpack(KEYS, 8))
end
return #KEYS - 7
