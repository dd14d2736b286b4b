-- Counts one event into one generation of the statistics, exactly once: only an event after the
-- generation's cursor for its stream counts, and the cursor moves to it in the same step.
-- KEYS[1] the stream's cursor  KEYS[2] the day's counters (hash "dimension|value|counter" → n)
-- KEYS[3] cases that were late at some stage  KEYS[4] cases closed at least once  KEYS[5] cases sent back at least once
-- KEYS[6] the generation's record of its cursor and day keys (a set of key names), so deleting it needs no SCAN
-- ARGV[1] event id  ARGV[2] tracking number  ARGV[3] marks: any of "late", "closed", "rework" (comma separated)
-- ARGV[4] counters to add one to (comma separated)  ARGV[5..] "dimension|value" groups the event belongs to
-- Returns 1 when counted, 0 when it had been.
--! use lib/stream-id
if not after(ARGV[1], redis.call('GET', KEYS[1])) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[6], KEYS[1])
local counters = {}
for name in string.gmatch(ARGV[4], '[^,]+') do
  counters[#counters + 1] = name
end
local marks = ',' .. ARGV[3] .. ','
if string.find(marks, ',late,', 1, true) then
  redis.call('SADD', KEYS[3], ARGV[2])
end
if string.find(marks, ',closed,', 1, true) and redis.call('SADD', KEYS[4], ARGV[2]) == 1 then
  counters[#counters + 1] = 'closed'
  if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 0 then
    counters[#counters + 1] = 'closedOnTime'
  end
end
if string.find(marks, ',rework,', 1, true) and redis.call('SADD', KEYS[5], ARGV[2]) == 1 then
  counters[#counters + 1] = 'reworked'
end
if #counters > 0 and #ARGV >= 5 then
  redis.call('SADD', KEYS[6], KEYS[2])
end
for i = 5, #ARGV do
  for _, name in ipairs(counters) do
    redis.call('HINCRBY', KEYS[2], ARGV[i] .. '|' .. name, 1)
  end
end
return 1
