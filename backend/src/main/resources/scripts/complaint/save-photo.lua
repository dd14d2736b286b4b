-- Records an uploaded photo and starts its wait to be named in a report (cleaned up if never named).
-- KEYS[1] the photo's hash  KEYS[2] unattached photos (zset id → uploaded at, epoch ms)
-- ARGV[1] photo id  ARGV[2] uploaded at (epoch ms)  ARGV[3..] hash fields, name value ...
local fields = {}
for i = 3, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1
