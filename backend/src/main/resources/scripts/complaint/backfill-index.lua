-- Puts a batch of cases filed before the staff list's indexes existed into them (category,
-- subdistrict, 督办 level, deadline order; and again status, station and district, which is harmless).
-- A case changed since the caller read it (another version) is left alone: the change indexed it
-- (move.lua joins every index of the case it writes). The 督办 level is read here from the stored case,
-- since a mark does not change the version.
-- KEYS[1] cases hash  KEYS[2] yellow 督办 index  KEYS[3] red 督办 index  KEYS[4] cases by deadline
-- KEYS[5 ..] the indexes the cases below name by position
-- ARGV per case: tracking number, version read, created at (epoch ms), due at ('' no clock), k, then k
--   positions in KEYS of the indexes it belongs in
-- Returns how many cases were indexed.
local indexed, i = 0, 1
while i <= #ARGV do
  local id, version, created, due, k = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
  local stored = redis.call('HGET', KEYS[1], id)
  if stored then
    local case = cjson.decode(stored)
    if tonumber(case.version) == version then
      for j = i + 5, i + 4 + k do
        redis.call('ZADD', KEYS[tonumber(ARGV[j])], created, id)
      end
      if due ~= '' then
        redis.call('ZADD', KEYS[4], due, id)
      end
      local alert = type(case.deadline) == 'table' and case.deadline.alert or nil
      if alert == 'YELLOW' then
        redis.call('ZADD', KEYS[2], created, id)
      elseif alert == 'RED' then
        redis.call('ZADD', KEYS[3], created, id)
      end
      indexed = indexed + 1
    end
  end
  i = i + 5 + k
end
return indexed
