-- Records an uploaded photo and starts its wait to be named in a report (cleaned up if never named),
-- if its owner's photos not yet in a case stay within their quota of bytes.
-- KEYS[1] the photo's hash  KEYS[2] unattached photos (zset id → uploaded at, epoch ms)
-- KEYS[3] the owner's photos waiting to be named (hash id → bytes; an entry no longer unattached counts for nothing)
-- ARGV[1] photo id  ARGV[2] uploaded at (epoch ms)  ARGV[3] its bytes  ARGV[4] the quota (bytes)
-- ARGV[5] how long the owner's hash is kept (seconds)  ARGV[6..] hash fields, name value ...
-- Returns 1, or 0 when the quota would be exceeded (the photo is not recorded; the owner's entries for photos
-- no longer waiting are dropped either way).
local held = 0
local owned = redis.call('HGETALL', KEYS[3])
for i = 1, #owned, 2 do
  if redis.call('ZSCORE', KEYS[2], owned[i]) then
    held = held + tonumber(owned[i + 1])
  else
    redis.call('HDEL', KEYS[3], owned[i])
  end
end
if held + tonumber(ARGV[3]) > tonumber(ARGV[4]) then
  return 0
end
local fields = {}
for i = 6, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[5])
return 1
