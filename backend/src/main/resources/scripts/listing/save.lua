-- Writes one listing and all its index entries, or nothing: the version check and the writes
-- happen in one script, so two staff saving the same listing cannot both win.
-- Every saved change is also numbered in the kind's change log, which each backend's in-memory nearby index
-- follows (ListingIndex): the revision counts every change of the kind, and the log keeps the newest ones.
-- KEYS[1] items hash  KEYS[2] geo  KEYS[3] order zset  KEYS[4] new district zset  KEYS[5] old district zset
-- KEYS[6] revision counter  KEYS[7] change log stream (entry id <revision>-0, field id)
-- ARGV[1] id  ARGV[2] expected version (0: must not exist yet)  ARGV[3] listing JSON
-- ARGV[4] lng  ARGV[5] lat  ARGV[6] order score for a new listing
-- Returns "ok <new version>" or "conflict <current version>".
--! use lib/change-log
local current = redis.call('HGET', KEYS[1], ARGV[1])
local version = 0
if current then
  version = tonumber(cjson.decode(current).version)
end
if version ~= tonumber(ARGV[2]) then
  return 'conflict ' .. version
end
local next = version + 1
redis.call('HSET', KEYS[1], ARGV[1], '{"version":' .. next .. ',"listing":' .. ARGV[3] .. '}')
redis.call('GEOADD', KEYS[2], ARGV[4], ARGV[5], ARGV[1])
if version == 0 then
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1])
end
if KEYS[5] ~= KEYS[4] then
  redis.call('ZREM', KEYS[5], ARGV[1])
end
redis.call('ZADD', KEYS[4], redis.call('ZSCORE', KEYS[3], ARGV[1]), ARGV[1])
record_change(KEYS[6], KEYS[7], ARGV[1])
return 'ok ' .. next
