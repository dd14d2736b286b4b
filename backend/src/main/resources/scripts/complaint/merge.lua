-- 合并重复件: a later case reporting the problem an earlier open case reports leaves the loop (REJECTED by a
-- MERGE step) if nobody changed it since the caller read it, and its reporter follows the earlier case (附议)
-- instead: the duplicate, its indexes and clock, its timeline entry and notice, the follow, the earlier case's
-- timeline entry, the event and the audit entry change together (within one home; across homes, see below). The earlier case itself is not rewritten
-- (its version stays). The follow passes the followers' limit: staff merged the report, nobody chose to follow.
-- When the earlier case lives in another home (received in another district), merge-in.lua has written its side
-- there first (checking it open), and this script writes the duplicate's side only: two single-slot steps.
-- KEYS[1] cases hash  KEYS[2] the duplicate's timeline list  KEYS[3] the earlier case's timeline list (elsewhere:
--   unused, a key of this home)
-- KEYS[4] events stream  KEYS[5] audit stream  KEYS[6] cases by when they turn yellow  KEYS[7] … red
-- KEYS[8] resident notices (hash tracking number → JSON)  KEYS[9] resident notices by when they are due
-- KEYS[10] open cases of the duplicate's category (GEO)  KEYS[11] the earlier case's followers (set; elsewhere: unused)
-- KEYS[12] the duplicate's reporter's followed cases (zset tracking number → followed at; elsewhere: unused)
-- KEYS[13] KEYS[14] the staff list's yellow and red 督办 indexes  KEYS[15] cases by deadline (a rejected case has no
--   clock: it leaves all three)
-- KEYS[16] the duplicate's platform outbox  KEYS[17] cases with platform updates to deliver (score: next attempt)
-- KEYS[18 .. 17+l] the list indexes the duplicate leaves  KEYS[18+l ..] the indexes it is in afterwards (by created at)
-- ARGV[1] duplicate's tracking number  ARGV[2] expected version  ARGV[3] the duplicate's new JSON
-- ARGV[4] its created at (index score)  ARGV[5] its timeline entry JSON  ARGV[6] earlier case's tracking number
-- ARGV[7] its timeline entry JSON  ARGV[8] the resident to follow it ('' when she reported both)  ARGV[9] now (epoch ms)
-- ARGV[10] the notice's key ('' when the reporter is not told)  ARGV[11] notice JSON  ARGV[12] notice due at (epoch ms)
-- ARGV[13] number of indexes left (l)  ARGV[14] the event (JSON array: name, value, ...)
-- ARGV[15] the update the duplicate's platform hears (JSON; '' when none)
-- ARGV[16] the audit entry (JSON array: name, value, ...)
-- ARGV[17] '' when the earlier case lives here; 'elsewhere' when merge-in.lua wrote its side in its home
-- Returns "ok <new version>", "conflict <current version>", "missing 0" or "into-done 0" (the earlier case is
-- closed or rejected by now; checked here only when it lives here).
--! use lib/case-version
--! use lib/earlier-case
--! use lib/stream-entry
local version = case_version(KEYS[1], ARGV[1])
if not version then
  return 'missing 0'
end
if version ~= tonumber(ARGV[2]) then
  return 'conflict ' .. version
end
local here = ARGV[17] == ''
if here and not still_open(KEYS[1], ARGV[6]) then
  return 'into-done 0'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
local left = tonumber(ARGV[13])
for i = 18, 17 + left do
  redis.call('ZREM', KEYS[i], ARGV[1])
end
for i = 18 + left, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1])
end
for _, i in ipairs({6, 7, 10, 13, 14, 15}) do
  redis.call('ZREM', KEYS[i], ARGV[1])
end
redis.call('RPUSH', KEYS[2], ARGV[5])
if ARGV[10] ~= '' then
  redis.call('HSET', KEYS[8], ARGV[10], ARGV[11])
  redis.call('ZADD', KEYS[9], ARGV[12], ARGV[10])
end
if here then
  take_merge(KEYS[3], KEYS[11], KEYS[12], ARGV[8], ARGV[9], ARGV[6], ARGV[7])
end
if ARGV[15] ~= '' and redis.call('RPUSH', KEYS[16], ARGV[15]) == 1 then
  redis.call('ZADD', KEYS[17], ARGV[9], ARGV[1])
end
append_entry(KEYS[4], ARGV[14])
append_entry(KEYS[5], ARGV[16])
return 'ok ' .. (version + 1)
