-- One page of the staff survey list over every survey of the scope, newest closing first, with the
-- total. Reads only: the scratch set is deleted before it returns and never replicated or written to
-- the AOF (redis.set_repl). ZINTERSTORE walks the smallest index inside Redis, far cheaper than
-- checking members one redis.call at a time from Lua.
-- KEYS[1] surveys hash  KEYS[2] scratch set (this script's own)
-- KEYS[3 ..] the indexes to intersect, the scope's first (all, a district's, a station's; then status,
--   channel, station, answer); each scored by closing time
-- ARGV[1] offset  ARGV[2] page size
-- Returns {"total":n,"items":[survey JSON, ...]}.
redis.set_repl(redis.REPL_NONE)
local offset, size = tonumber(ARGV[1]), tonumber(ARGV[2])
local selected = KEYS[3]
if #KEYS > 3 then
  local keys = {unpack(KEYS, 3)}
  keys[#keys + 1] = 'AGGREGATE'
  keys[#keys + 1] = 'MIN'
  redis.call('ZINTERSTORE', KEYS[2], #KEYS - 2, unpack(keys))
  selected = KEYS[2]
end
local total = redis.call('ZCARD', selected)
local ids = redis.call('ZREVRANGE', selected, offset, offset + size - 1)
redis.call('DEL', KEYS[2])
local items = {}
if #ids > 0 then
  for _, stored in ipairs(redis.call('HMGET', KEYS[1], unpack(ids))) do
    if stored then
      items[#items + 1] = stored
    end
  end
end
return '{"total":' .. total .. ',"items":[' .. table.concat(items, ',') .. ']}'
