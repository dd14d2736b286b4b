-- Marks a case yellow or red (督办) once: only if it has not moved since it was read (same version),
-- and only by the first sweeper to take it off the due set, so two instances never mark it twice.
-- KEYS[1] cases hash  KEYS[2] the due set it is taken from  KEYS[3] its timeline list  KEYS[4] events stream
-- KEYS[5] the staff list's index of the level it gets (by-alert, scored by created at)  KEYS[6] that of the other level
-- ARGV[1] tracking number  ARGV[2] version read  ARGV[3] marked case JSON  ARGV[4] timeline entry JSON
-- ARGV[5] created at (epoch ms)  ARGV[6] the event (JSON array: name, value, ...)
-- Returns "ok", "moved" (the case changed stage meanwhile: left alone) or "gone" (another sweeper did it).
--! use lib/case-version
--! use lib/stream-entry
if case_version(KEYS[1], ARGV[1]) ~= tonumber(ARGV[2]) then
  return 'moved'
end
if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then
  return 'gone'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[1])
redis.call('RPUSH', KEYS[3], ARGV[4])
append_entry(KEYS[4], ARGV[6])
return 'ok'
