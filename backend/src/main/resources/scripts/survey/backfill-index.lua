-- Puts a batch of surveys scheduled before the staff list's indexes existed into them (status,
-- channel, station, district, answer). A survey whose status changed since the caller read it is left
-- alone: advance.lua or answer.lua indexed it (they join every index of the survey they write).
-- KEYS[1] surveys hash  KEYS[2 ..] the indexes the surveys below name by position
-- ARGV per survey: id, status read, closed at (epoch ms), k, then k positions in KEYS
-- Returns how many surveys were indexed.
local indexed, i = 0, 1
while i <= #ARGV do
  local id, status, closed, k = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  local stored = redis.call('HGET', KEYS[1], id)
  if stored and cjson.decode(stored).status == status then
    for j = i + 4, i + 3 + k do
      redis.call('ZADD', KEYS[tonumber(ARGV[j])], closed, id)
    end
    indexed = indexed + 1
  end
  i = i + 4 + k
end
return indexed
