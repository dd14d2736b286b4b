-- The members of a GEO set nearest a point with their stored JSON, in one round trip instead of one per
-- hit: the listings near a resident, the open cases of a category near a report.
-- KEYS[1] geo  KEYS[2] items hash (member → JSON)
-- ARGV[1] lng  ARGV[2] lat  ARGV[3] radius in metres  ARGV[4] how many at most
-- Returns a JSON array: [{"distance":<metres>,"item":<stored JSON>}, ...], nearest first.
local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2],
  'BYRADIUS', ARGV[3], 'm', 'ASC', 'COUNT', ARGV[4], 'WITHDIST')
if #hits == 0 then
  return '[]'
end
local ids = {}
for i, hit in ipairs(hits) do
  ids[i] = hit[1]
end
local items = {}
-- HMGET in slices: unpack() of a very long list would overflow the Lua stack
for first = 1, #ids, 500 do
  local slice = redis.call('HMGET', KEYS[2], unpack(ids, first, math.min(first + 499, #ids)))
  for i, item in ipairs(slice) do
    items[first + i - 1] = item
  end
end
local out = {}
for i, hit in ipairs(hits) do
  if items[i] then
    out[#out + 1] = '{"distance":' .. hit[2] .. ',"item":' .. items[i] .. '}'
  end
end
return '[' .. table.concat(out, ',') .. ']'
