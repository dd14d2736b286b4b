-- Creates a staff account unless one of that username exists.
-- KEYS[1] the account hash  KEYS[2] the account index (zset by creation time)
-- ARGV: username, displayName, role, district, stationId, passwordHash, createdAt (epoch ms)
-- Returns 1 if created, 0 if the username is taken.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'username', ARGV[1], 'displayName', ARGV[2], 'role', ARGV[3], 'district', ARGV[4],
  'stationId', ARGV[5], 'passwordHash', ARGV[6], 'enabled', '1', 'createdAt', ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[7], ARGV[1])
return 1
