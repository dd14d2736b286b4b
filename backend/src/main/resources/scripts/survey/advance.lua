-- Records a step a sender took with a claimed survey (sent, reminded, expired, unreachable), if the
-- survey is still where the sender found it (the resident may have answered meanwhile); either
-- way the claim ends.
-- KEYS[1] surveys hash  KEYS[2] in-flight set  KEYS[3] due set  KEYS[4] the survey's history list
-- KEYS[5] survey events stream  KEYS[6] open surveys of its phone (by sending time)  KEYS[7] SMS serial → survey
-- KEYS[8 .. 7+l] the staff list's indexes it leaves  KEYS[8+l ..] those it is in afterwards (status, channel,
--   station, district, answer; scored by closing time)
-- ARGV[1] survey id  ARGV[2] status it was claimed in  ARGV[3] new JSON  ARGV[4] next due (epoch ms, '' none)
-- ARGV[5] history entry JSON  ARGV[6] phone index: 'add' <score ARGV[7]>, 'remove' or ''
-- ARGV[8] SMS serial ('' none)  ARGV[9] l  ARGV[10] closed at (epoch ms)  ARGV[11] the survey event (JSON array: name, value, ...)
-- Returns "ok" or "moved".
--! use lib/stream-entry
redis.call('ZREM', KEYS[2], ARGV[1])
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current or cjson.decode(current).status ~= ARGV[2] then
  return 'moved'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
end
local left = 7 + tonumber(ARGV[9])
for i = 8, left do
  redis.call('ZREM', KEYS[i], ARGV[1])
end
for i = left + 1, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[10], ARGV[1])
end
redis.call('RPUSH', KEYS[4], ARGV[5])
if ARGV[6] == 'add' then
  redis.call('ZADD', KEYS[6], ARGV[7], ARGV[1])
elseif ARGV[6] == 'remove' then
  redis.call('ZREM', KEYS[6], ARGV[1])
end
if ARGV[8] ~= '' then
  redis.call('SET', KEYS[7], ARGV[1], 'EX', 604800)
end
append_entry(KEYS[5], ARGV[11])
return 'ok'
