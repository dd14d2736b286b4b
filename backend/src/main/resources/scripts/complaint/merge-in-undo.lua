-- Takes back what merge-in.lua wrote for a merge whose duplicate's side was then refused: the earlier case's timeline
-- entry, and the follow if that merge made it.
-- KEYS[1] the earlier case's timeline list  KEYS[2] its followers (set)
-- KEYS[3] the duplicate's reporter's followed cases in this home  KEYS[4] the duplicates merged into this home's cases
-- ARGV[1] the duplicate's tracking number  ARGV[2] the earlier case's tracking number  ARGV[3] the timeline entry JSON
-- ARGV[4] the resident made to follow ('' when none)
-- Returns 1 when taken back, 0 when there was nothing to take back.
local followed = redis.call('HGET', KEYS[4], ARGV[1])
if not followed then
  return 0
end
redis.call('LREM', KEYS[1], -1, ARGV[3])
if followed == '1' and ARGV[4] ~= '' then
  redis.call('SREM', KEYS[2], ARGV[4])
  redis.call('ZREM', KEYS[3], ARGV[2])
end
redis.call('HDEL', KEYS[4], ARGV[1])
return 1
