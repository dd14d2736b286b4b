-- The head of the staff survey list of one shard over every survey of the scope, newest closing first,
-- with the total: ids and closing times only, which the caller merges with the other shards' before it
-- reads the page's surveys. Reads only: the scratch set is deleted before it returns and never
-- replicated or written to the AOF (redis.set_repl). ZINTERSTORE walks the smallest index inside Redis,
-- far cheaper than checking members one redis.call at a time from Lua.
-- KEYS[1] scratch set (this script's own)
-- KEYS[2 ..] the indexes to intersect, the scope's first (all, a district's, a station's; then status,
--   channel, station, answer); each scored by closing time
-- ARGV[1] how many of the newest to return
-- Returns {total, id, closing time, id, closing time, ...}, the total and the times as strings.
redis.set_repl(redis.REPL_NONE)
local count = tonumber(ARGV[1])
local selected = KEYS[2]
if #KEYS > 2 then
  local keys = {unpack(KEYS, 2)}
  keys[#keys + 1] = 'AGGREGATE'
  keys[#keys + 1] = 'MIN'
  redis.call('ZINTERSTORE', KEYS[1], #KEYS - 1, unpack(keys))
  selected = KEYS[1]
end
local reply = {tostring(redis.call('ZCARD', selected))}
if count > 0 then
  for _, value in ipairs(redis.call('ZREVRANGE', selected, 0, count - 1, 'WITHSCORES')) do
    reply[#reply + 1] = value
  end
end
redis.call('DEL', KEYS[1])
return reply
