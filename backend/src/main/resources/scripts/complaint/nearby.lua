-- The open cases of one category nearest a point with their stored JSON, in one round trip.
-- KEYS[1] open cases of the category (GEO)  KEYS[2] cases hash
-- ARGV[1] lng  ARGV[2] lat  ARGV[3] radius in metres  ARGV[4] how many at most
-- Returns a JSON array: [{"distance":<metres>,"item":<case JSON>}, ...], nearest first.
local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2],
  'BYRADIUS', ARGV[3], 'm', 'ASC', 'COUNT', ARGV[4], 'WITHDIST')
if #hits == 0 then
  return '[]'
end
local ids = {}
for i, hit in ipairs(hits) do
  ids[i] = hit[1]
end
local items = redis.call('HMGET', KEYS[2], unpack(ids))
local out = {}
for i, hit in ipairs(hits) do
  if items[i] then
    out[#out + 1] = '{"distance":' .. hit[2] .. ',"item":' .. items[i] .. '}'
  end
end
return '[' .. table.concat(out, ',') .. ']'
