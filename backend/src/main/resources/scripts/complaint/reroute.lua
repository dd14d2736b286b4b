-- Routes a case to another station (and its district), if nobody moved it since it was read: the
-- case, the station and district indexes, the timeline entry, the event and the audit entry together.
-- KEYS[1] cases hash  KEYS[2] old station index  KEYS[3] new station index  KEYS[4] old district index
-- KEYS[5] new district index  KEYS[6] timeline list  KEYS[7] events stream  KEYS[8] audit stream
-- ARGV[1] tracking number  ARGV[2] expected version  ARGV[3] new case JSON  ARGV[4] created at (index score)
-- ARGV[5] timeline entry JSON  ARGV[6] number of event fields (n)  ARGV[7 .. 6+n] event fields  ARGV[7+n ..] audit fields
-- Returns "ok <new version>", "conflict <current version>" or "missing 0".
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return 'missing 0'
end
local version = tonumber(cjson.decode(current).version)
if version ~= tonumber(ARGV[2]) then
  return 'conflict ' .. version
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1])
redis.call('RPUSH', KEYS[6], ARGV[5])
local n = tonumber(ARGV[6])
local event, audit = {}, {}
for i = 7, 6 + n do
  event[#event + 1] = ARGV[i]
end
for i = 7 + n, #ARGV do
  audit[#audit + 1] = ARGV[i]
end
redis.call('XADD', KEYS[7], '*', unpack(event))
redis.call('XADD', KEYS[8], '*', unpack(audit))
return 'ok ' .. (version + 1)
