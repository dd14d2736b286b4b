-- Schedules the survey of one closing, once: a CLOSED event read twice (a retried sweep, two
-- instances) finds the survey there and changes nothing. The event cursor moves only after a
-- whole batch (cursor.lua), so a crash mid-batch re-reads events rather than skipping any.
-- KEYS[1] surveys hash  KEYS[2] due set  KEYS[3] all surveys (by closing time)
-- KEYS[4] the survey's history list  KEYS[5] survey events stream  KEYS[6] the resident's surveys
-- KEYS[7..] the staff list's indexes it joins (status, station, district, answer; scored by closing time)
-- ARGV[1] survey id  ARGV[2] survey JSON  ARGV[3] due at (epoch ms)  ARGV[4] closed at (epoch ms)
-- ARGV[5] history entry JSON  ARGV[6] the survey event (JSON array: name, value, ...)
-- Returns 1 when scheduled now, 0 when it already was.
--! use lib/stream-entry
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
for i = 7, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1])
end
redis.call('SADD', KEYS[6], ARGV[1])
redis.call('RPUSH', KEYS[4], ARGV[5])
append_entry(KEYS[5], ARGV[6])
return 1
