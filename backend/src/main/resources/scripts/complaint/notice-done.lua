-- A notice was delivered (or could not be): forget it and log how it went.
-- KEYS[1] notices in flight  KEYS[2] notices hash  KEYS[3] notice log stream
-- ARGV[1] notice id  ARGV[2..] log fields, name value ...
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[1])
local entry = {}
for i = 2, #ARGV do
  entry[#entry + 1] = ARGV[i]
end
redis.call('XADD', KEYS[3], '*', unpack(entry))
return 1
