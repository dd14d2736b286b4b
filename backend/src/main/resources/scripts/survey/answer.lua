-- Takes a resident's answer, once: only while the survey is open (sent or reminded) and still in the
-- status it was read in, so a second answer, a racing reminder or an expiry cannot be overwritten.
-- KEYS[1] surveys hash  KEYS[2] due set  KEYS[3] in-flight set  KEYS[4] the survey's history list
-- KEYS[5] survey events stream  KEYS[6] open surveys of its phone  KEYS[7] cases waiting to be reopened
-- KEYS[8] SMS in answer to replies (hash id → JSON)  KEYS[9] those by when they are due
-- KEYS[10 .. 9+l] the staff list's indexes it leaves  KEYS[10+l ..] those it is in afterwards (status, channel,
--   station, district, answer; scored by closing time)
-- ARGV[1] survey id  ARGV[2] status it was read in  ARGV[3] answered JSON  ARGV[4] history entry JSON
-- ARGV[5] '1' when the answer reopens the case (noted in KEYS[7] until done)
-- ARGV[6] id of the SMS that tells the resident the answer counted ('' none)  ARGV[7] its JSON  ARGV[8] due (epoch ms)
-- ARGV[9] l  ARGV[10] closed at (epoch ms)  ARGV[11] the survey event (JSON array: name, value, ...)
-- Returns "ok", "missing", "reread" (it moved on while still open) or the status that refuses it.
--! use lib/stream-entry
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return 'missing'
end
local status = cjson.decode(current).status
if status ~= 'SENT' and status ~= 'REMINDED' then
  return status
end
if status ~= ARGV[2] then
  return 'reread'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[6], ARGV[1])
local left = 9 + tonumber(ARGV[9])
for i = 10, left do
  redis.call('ZREM', KEYS[i], ARGV[1])
end
for i = left + 1, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[10], ARGV[1])
end
redis.call('RPUSH', KEYS[4], ARGV[4])
if ARGV[5] == '1' then
  redis.call('ZADD', KEYS[7], 0, ARGV[1])
end
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[8], ARGV[6], ARGV[7])
  redis.call('ZADD', KEYS[9], ARGV[8], ARGV[6])
end
append_entry(KEYS[5], ARGV[11])
return 'ok'
