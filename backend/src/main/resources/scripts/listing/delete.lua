-- Removes one listing and every index entry of it, if its version is still the expected one.
-- KEYS[1] items hash  KEYS[2] geo  KEYS[3] order zset  KEYS[4] district zset
-- KEYS[5] revision counter  KEYS[6] change log stream (as in save.lua)
-- ARGV[1] id  ARGV[2] expected version
-- Returns "ok 0", "conflict <current version>" or "missing 0".
--! use lib/change-log
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return 'missing 0'
end
local version = tonumber(cjson.decode(current).version)
if version ~= tonumber(ARGV[2]) then
  return 'conflict ' .. version
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
record_change(KEYS[5], KEYS[6], ARGV[1])
return 'ok 0'
