-- Schedules the survey of one closing, once: a CLOSED event read twice (a retried sweep, two
-- instances) finds the survey there and changes nothing. Also moves the event cursor past it.
-- KEYS[1] event cursor  KEYS[2] surveys hash  KEYS[3] due set  KEYS[4] all surveys (by closing time)
-- KEYS[5] the survey's history list  KEYS[6] survey events stream  KEYS[7] the resident's surveys
-- ARGV[1] the complaint event's stream id  ARGV[2] survey id  ARGV[3] survey JSON  ARGV[4] due at (epoch ms)
-- ARGV[5] closed at (epoch ms)  ARGV[6] history entry JSON  ARGV[7..] survey event fields
-- Returns 1 when scheduled now, 0 when it already was.
local function after(a, b)
  if not b then return true end
  local am, as = string.match(a, '(%d+)-(%d+)')
  local bm, bs = string.match(b, '(%d+)-(%d+)')
  if tonumber(am) ~= tonumber(bm) then return tonumber(am) > tonumber(bm) end
  return tonumber(as) > tonumber(bs)
end
if after(ARGV[1], redis.call('GET', KEYS[1])) then
  redis.call('SET', KEYS[1], ARGV[1])
end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then
  return 0
end
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[2])
redis.call('SADD', KEYS[7], ARGV[2])
redis.call('RPUSH', KEYS[5], ARGV[6])
local event = {}
for i = 7, #ARGV do
  event[#event + 1] = ARGV[i]
end
redis.call('XADD', KEYS[6], '*', unpack(event))
return 1
