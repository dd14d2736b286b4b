-- Once per store: puts the open cases filed before the nearby search existed into the GEO set of
-- their category, read from the by-status indexes. One script, so no move can slip between reading
-- a case and indexing it; the marker makes it run once (submit.lua and move.lua keep the sets since).
-- KEYS[1] cases hash  KEYS[2] the marker  KEYS[3 .. 2+s] the open statuses' indexes
-- KEYS[3+s ..] the GEO sets of the categories named in ARGV, in that order
-- ARGV[1] s  ARGV[2..] category codes
-- Returns how many cases were indexed, or -1 when it had run already.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return -1
end
local statuses = tonumber(ARGV[1])
local geo = {}
for i = 2, #ARGV do
  geo[ARGV[i]] = KEYS[2 + statuses + i - 1]
end
local added = 0
for s = 3, 2 + statuses do
  local ids = redis.call('ZRANGE', KEYS[s], 0, -1)
  for first = 1, #ids, 500 do
    local slice = redis.call('HMGET', KEYS[1], unpack(ids, first, math.min(first + 499, #ids)))
    for i, stored in ipairs(slice) do
      if stored then
        local case = cjson.decode(stored)
        local key = geo[case.category]
        -- a category no longer offered cannot be searched; its cases are left out
        if key and type(case.location) == 'table' then
          redis.call('GEOADD', key, case.location.lng, case.location.lat, ids[first + i - 1])
          added = added + 1
        end
      end
    end
  end
end
redis.call('SET', KEYS[2], tostring(added))
return added
