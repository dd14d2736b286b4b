-- Makes a rebuilt generation the live one, for the rebuild that holds it only: a rebuild that finished after another
-- went live (two at once, or one that took over a generation since replaced) changes nothing.
-- KEYS[1] the live generation  KEYS[2] the layout of the counters  KEYS[3] the generation a rebuild counts into
-- ARGV[1] the rebuilt generation  ARGV[2] the layout it was counted in
-- Returns "live <the generation it replaces>", "is-live 0" (another rebuild of it went live) or "stale 0" (it is
-- neither rebuilding nor live: its keys are the caller's to delete).
local rebuilding = redis.call('GET', KEYS[3])
local live = redis.call('GET', KEYS[1]) or '0'
if rebuilding == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1])
  redis.call('SET', KEYS[2], ARGV[2])
  redis.call('DEL', KEYS[3])
  return 'live ' .. live
end
if live == ARGV[1] then
  return 'is-live 0'
end
return 'stale 0'
