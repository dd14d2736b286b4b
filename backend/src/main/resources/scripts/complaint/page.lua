-- One page of an index of cases, newest first, with the total, in one round trip.
-- KEYS[1] an index zset (score: created at or followed at)  KEYS[2] cases hash
-- ARGV[1] offset  ARGV[2] page size
-- Returns {"total":<n>,"items":[<case JSON>, ...]}.
local offset, size = tonumber(ARGV[1]), tonumber(ARGV[2])
local total = redis.call('ZCARD', KEYS[1])
local ids = redis.call('ZREVRANGE', KEYS[1], offset, offset + size - 1)
local out = {}
if #ids > 0 then
  for _, item in ipairs(redis.call('HMGET', KEYS[2], unpack(ids))) do
    if item then
      out[#out + 1] = item
    end
  end
end
return '{"total":' .. total .. ',"items":[' .. table.concat(out, ',') .. ']}'
