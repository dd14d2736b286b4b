-- Changes a case if nobody changed it since the caller read it: the version check, the new case, its
-- index entries, its clock, the timeline entry, the event and the audit entry change together.
-- Serves both a step of the closed loop (status index old → new) and a re-routing (station, district
-- and subdistrict indexes old → new).
-- KEYS[1] cases hash  KEYS[2] the case's timeline list  KEYS[3] events stream  KEYS[4] audit stream
-- KEYS[5] cases by when they turn yellow  KEYS[6] cases by when they turn red
-- KEYS[7] resident notices (hash tracking number → JSON)  KEYS[8] resident notices by when they are due
-- KEYS[9] open cases of its category (GEO)  KEYS[10] the case's followers (set)
-- KEYS[11] KEYS[12] the staff list's yellow and red 督办 indexes (left always: a mark made since the
--   caller read the case is not in its "before")  KEYS[13] cases by deadline (score: due at)
-- KEYS[14] the case's platform outbox (list of updates for the platform it came from)
-- KEYS[15] cases with updates to deliver (score: next attempt, epoch ms)
-- KEYS[16 .. 15+l] the indexes the case leaves  KEYS[16+l ..] the indexes it is in afterwards
--   (status, station, district, subdistrict, category, 督办 level; all scored by created at)
-- ARGV[1] tracking number  ARGV[2] expected version  ARGV[3] new case JSON  ARGV[4] created at (index score)
-- ARGV[5] timeline entry JSON  ARGV[6] when the stage turns yellow, ARGV[7] red ('' for a mark already made or no clock)
-- ARGV[8] the notice's key, the tracking number: one not sent yet is replaced, so the resident hears of the
--   latest state ('' when the resident is not told)  ARGV[9] notice JSON  ARGV[10] notice due at (epoch ms)
-- ARGV[11] longitude  ARGV[12] latitude ('' for a case reported by address only)  ARGV[13] '1' when the new status is open (the case stays in or rejoins
--   the nearby search), '0' when closed or rejected (it leaves)  ARGV[14] '1' to name the followers in the event
--   (a closing: each of them gets a survey)
-- ARGV[15] the event (JSON array: name, value, ...)  ARGV[16] number of indexes left (l)
-- ARGV[17] due at of the new stage (epoch ms, '' when no clock runs)
-- ARGV[18] the update the case's platform hears of this step (JSON; '' when none: a resident's own case, or a
--   step the platform does not follow)  ARGV[19] now (epoch ms: the update is due at once)
-- ARGV[20] the audit entry (JSON array: name, value, ...)
-- The photos the step attaches were claimed for the case before (claim-photos.lua): they live apart from it.
-- Returns "ok <new version>", "conflict <current version>" or "missing 0".
--! use lib/case-version
--! use lib/stream-entry
local version = case_version(KEYS[1], ARGV[1])
if not version then
  return 'missing 0'
end
if version ~= tonumber(ARGV[2]) then
  return 'conflict ' .. version
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
local left = 15 + tonumber(ARGV[16])
redis.call('ZREM', KEYS[11], ARGV[1])
redis.call('ZREM', KEYS[12], ARGV[1])
for i = 16, left do
  redis.call('ZREM', KEYS[i], ARGV[1])
end
for i = left + 1, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1])
end
if ARGV[17] ~= '' then
  redis.call('ZADD', KEYS[13], ARGV[17], ARGV[1])
else
  redis.call('ZREM', KEYS[13], ARGV[1])
end
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZREM', KEYS[6], ARGV[1])
if ARGV[6] ~= '' then
  redis.call('ZADD', KEYS[5], ARGV[6], ARGV[1])
end
if ARGV[7] ~= '' then
  redis.call('ZADD', KEYS[6], ARGV[7], ARGV[1])
end
redis.call('RPUSH', KEYS[2], ARGV[5])
if ARGV[8] ~= '' then
  redis.call('HSET', KEYS[7], ARGV[8], ARGV[9])
  redis.call('ZADD', KEYS[8], ARGV[10], ARGV[8])
end
if ARGV[18] ~= '' and redis.call('RPUSH', KEYS[14], ARGV[18]) == 1 then
  redis.call('ZADD', KEYS[15], ARGV[19], ARGV[1])
end
if ARGV[13] == '1' and ARGV[11] ~= '' then
  redis.call('GEOADD', KEYS[9], ARGV[11], ARGV[12], ARGV[1])
else
  redis.call('ZREM', KEYS[9], ARGV[1])
end
local followers = ARGV[14] == '1' and redis.call('SMEMBERS', KEYS[10]) or {}
if #followers > 0 then
  append_entry(KEYS[3], ARGV[15], 'followers', table.concat(followers, ','))
else
  append_entry(KEYS[3], ARGV[15])
end
append_entry(KEYS[4], ARGV[20])
return 'ok ' .. (version + 1)
