-- The earlier case's side of a merge across homes, written first, in the earlier case's home: if the case is still
-- open, its timeline entry and the duplicate's reporter among its followers (附议), once however often it is tried.
-- merge.lua writes the duplicate's side in its own home next; should that be refused (the duplicate moved meanwhile),
-- merge-in-undo.lua takes this side back. The follow passes the followers' limit, as in merge.lua.
-- KEYS[1] cases hash  KEYS[2] the earlier case's timeline list  KEYS[3] its followers (set)
-- KEYS[4] the duplicate's reporter's followed cases in this home (zset tracking number → followed at)
-- KEYS[5] the duplicates merged into cases of this home (hash duplicate → '1' when its reporter was made to follow)
-- ARGV[1] the duplicate's tracking number  ARGV[2] the earlier case's tracking number  ARGV[3] its timeline entry JSON
-- ARGV[4] the resident to follow it ('' when she reported both)  ARGV[5] when the merge is made (epoch ms)
-- Returns "ok" (written now), "again" (written before: a retried merge) or "into-done" (the earlier case is closed,
-- rejected or gone: nothing written).
if redis.call('HEXISTS', KEYS[5], ARGV[1]) == 1 then
  return 'again'
end
local earlier = redis.call('HGET', KEYS[1], ARGV[2])
if not earlier then
  return 'into-done'
end
local status = cjson.decode(earlier).status
if status == 'CLOSED' or status == 'REJECTED' then
  return 'into-done'
end
local followed = '0'
if ARGV[4] ~= '' and redis.call('SADD', KEYS[3], ARGV[4]) == 1 then
  redis.call('ZADD', KEYS[4], ARGV[5], ARGV[2])
  followed = '1'
end
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('HSET', KEYS[5], ARGV[1], followed)
return 'ok'
