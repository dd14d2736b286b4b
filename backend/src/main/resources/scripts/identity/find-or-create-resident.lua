-- The resident behind an openid, created on first login. One script, so two logins racing for a new
-- openid make one resident, not two.
-- KEYS[1] openid index (string → resident id)  KEYS[2] the resident hash to create if none exists
-- ARGV[1] the new resident's id  ARGV[2] openid  ARGV[3] unionid or ''  ARGV[4] now (epoch ms)
-- Returns the resident id, existing or new.
local id = redis.call('GET', KEYS[1])
if id then
  return id
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'id', ARGV[1], 'openid', ARGV[2], 'createdAt', ARGV[4])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[2], 'unionid', ARGV[3])
end
return ARGV[1]
