-- Moves the event cursor forward to ARGV[1] (a stream id), never back.
-- KEYS[1] event cursor
local function after(a, b)
  if not b then return true end
  local am, as = string.match(a, '(%d+)-(%d+)')
  local bm, bs = string.match(b, '(%d+)-(%d+)')
  if tonumber(am) ~= tonumber(bm) then return tonumber(am) > tonumber(bm) end
  return tonumber(as) > tonumber(bs)
end
if after(ARGV[1], redis.call('GET', KEYS[1])) then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0
