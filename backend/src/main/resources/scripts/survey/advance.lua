-- Records the steps senders took with claimed surveys (sent, reminded, expired, unreachable), each if the
-- survey is still where its sender found it (the resident may have answered meanwhile); either way the
-- claim ends. One call takes a sweep's steps in a batch: the survey's Redis work is a round trip per
-- batch, not per survey.
-- ARGV[1] n, the number of steps; then n steps one after the other, each 12 ARGV and k KEYS: ARGV k, then the
--   step's own ARGV[1..11] below; its KEYS are the next k of KEYS, numbered from 1 below as the step sees them.
-- A step's KEYS[1] surveys hash  KEYS[2] in-flight set  KEYS[3] due set  KEYS[4] the survey's history list
--   KEYS[5] survey events stream  KEYS[6] open surveys of its phone (by sending time)  KEYS[7] SMS serial → survey
--   KEYS[8 .. 7+l] the staff list's indexes it leaves  KEYS[8+l .. k] those it is in afterwards (status,
--   channel, station, district, answer; scored by closing time)
-- A step's ARGV[1] survey id  ARGV[2] status it was claimed in  ARGV[3] new JSON  ARGV[4] next due (epoch ms,
--   '' none)  ARGV[5] history entry JSON  ARGV[6] phone index: 'add' <score ARGV[7]>, 'remove' or ''
--   ARGV[8] SMS serial ('' none)  ARGV[9] l  ARGV[10] closed at (epoch ms)  ARGV[11] the survey event (JSON
--   array: name, value, ...)
-- Returns each step's outcome, "ok" or "moved", separated by spaces.
--! use lib/stream-entry
local function advance(K, A, k)
  local id = A[1]
  redis.call('ZREM', K[2], id)
  local current = redis.call('HGET', K[1], id)
  if not current or cjson.decode(current).status ~= A[2] then
    return 'moved'
  end
  redis.call('HSET', K[1], id, A[3])
  if A[4] ~= '' then
    redis.call('ZADD', K[3], A[4], id)
  end
  local left = 7 + tonumber(A[9])
  for i = 8, left do
    redis.call('ZREM', K[i], id)
  end
  for i = left + 1, k do
    redis.call('ZADD', K[i], A[10], id)
  end
  redis.call('RPUSH', K[4], A[5])
  if A[6] == 'add' then
    redis.call('ZADD', K[6], A[7], id)
  elseif A[6] == 'remove' then
    redis.call('ZREM', K[6], id)
  end
  if A[8] ~= '' then
    redis.call('SET', K[7], id, 'EX', 604800)
  end
  append_entry(K[5], A[11])
  return 'ok'
end

local outcomes = {}
local key, arg = 0, 1
for s = 1, tonumber(ARGV[1]) do
  local k = tonumber(ARGV[arg + 1])
  local K, A = {}, {}
  for i = 1, k do
    K[i] = KEYS[key + i]
  end
  for i = 1, 11 do
    A[i] = ARGV[arg + 1 + i]
  end
  outcomes[s] = advance(K, A, k)
  key, arg = key + k, arg + 12
end
return table.concat(outcomes, ' ')
