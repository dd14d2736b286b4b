-- One page of cases, newest first, with the total, in one round trip; optionally only those also in
-- a second index (a status within a station's or district's cases).
-- KEYS[1] an index zset (score: created at)  KEYS[2] cases hash  KEYS[3] optional second index
-- ARGV[1] offset  ARGV[2] page size
-- Returns {"total":<n>,"items":[<case JSON>, ...]}.
local offset, size = tonumber(ARGV[1]), tonumber(ARGV[2])
local total, ids = 0, {}
if KEYS[3] then
  local both = redis.call('ZINTER', 2, KEYS[1], KEYS[3], 'WITHSCORES')
  local pairs_ = {}
  for i = 1, #both, 2 do
    pairs_[#pairs_ + 1] = {both[i], tonumber(both[i + 1])}
  end
  table.sort(pairs_, function(a, b) return a[2] > b[2] end)
  total = #pairs_
  for i = offset + 1, math.min(offset + size, total) do
    ids[#ids + 1] = pairs_[i][1]
  end
else
  total = redis.call('ZCARD', KEYS[1])
  ids = redis.call('ZREVRANGE', KEYS[1], offset, offset + size - 1)
end
local out = {}
if #ids > 0 then
  for _, item in ipairs(redis.call('HMGET', KEYS[2], unpack(ids))) do
    if item then
      out[#out + 1] = item
    end
  end
end
return '{"total":' .. total .. ',"items":[' .. table.concat(out, ',') .. ']}'
