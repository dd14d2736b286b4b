-- Moves a case to its next status if nobody moved it since the caller read it: the version check,
-- the new case, the status indexes, the timeline entry, the event and the audit entry change together.
-- KEYS[1] cases hash  KEYS[2] index of the old status  KEYS[3] index of the new status
-- KEYS[4] the case's timeline list  KEYS[5] events stream  KEYS[6] audit stream
-- KEYS[7] cases by when they turn yellow  KEYS[8] cases by when they turn red
-- ARGV[1] tracking number  ARGV[2] expected version  ARGV[3] new case JSON  ARGV[4] created at (index score)
-- ARGV[5] timeline entry JSON  ARGV[6] yellow at of the new stage ('' when no clock runs)  ARGV[7] its due at
-- ARGV[8] number of event fields (n)  ARGV[9 .. 8+n] event fields  ARGV[9+n ..] audit fields
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
if KEYS[2] ~= KEYS[3] then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
end
redis.call('RPUSH', KEYS[4], ARGV[5])
redis.call('ZREM', KEYS[7], ARGV[1])
redis.call('ZREM', KEYS[8], ARGV[1])
if ARGV[6] ~= '' then
  redis.call('ZADD', KEYS[7], ARGV[6], ARGV[1])
  redis.call('ZADD', KEYS[8], ARGV[7], ARGV[1])
end
local n = tonumber(ARGV[8])
local event, audit = {}, {}
for i = 9, 8 + n do
  event[#event + 1] = ARGV[i]
end
for i = 9 + n, #ARGV do
  audit[#audit + 1] = ARGV[i]
end
redis.call('XADD', KEYS[5], '*', unpack(event))
redis.call('XADD', KEYS[6], '*', unpack(audit))
return 'ok ' .. (version + 1)
