-- Which residents hold at least one grant of a template, in one read for a sweep's batch.
-- KEYS[1..n] the residents' grant counts  ARGV[1] template id
-- Returns the positions in KEYS (1-based) of those who hold one, separated by spaces.
local held = {}
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('HGET', key, ARGV[1]) or '0') > 0 then
    held[#held + 1] = i
  end
end
return table.concat(held, ' ')
