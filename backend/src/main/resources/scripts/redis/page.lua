-- One page of an index with its total, in one round trip: a resident's cases or followed cases newest first,
-- listings in the order they were created.
-- KEYS[1] an index zset (score: created at, followed at, or creation order)  KEYS[2] the hash of the items it indexes
-- ARGV[1] offset  ARGV[2] page size  ARGV[3] 'newest' (highest score first) or 'oldest' (lowest first)
-- Returns {"total":<n>,"items":[<stored JSON>, ...]}; an indexed id whose item is gone is left out.
local offset, size = tonumber(ARGV[1]), tonumber(ARGV[2])
local total = redis.call('ZCARD', KEYS[1])
local range = ARGV[3] == 'newest' and 'ZREVRANGE' or 'ZRANGE'
local ids = redis.call(range, KEYS[1], offset, offset + size - 1)
local out = {}
if #ids > 0 then
  for _, item in ipairs(redis.call('HMGET', KEYS[2], unpack(ids))) do
    if item then
      out[#out + 1] = item
    end
  end
end
return '{"total":' .. total .. ',"items":[' .. table.concat(out, ',') .. ']}'
