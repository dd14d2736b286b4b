-- The earlier case's side of a merge across homes (merge.lua left it as a hand-over in the duplicate's home): its
-- timeline entry, and the duplicate's reporter among its followers (附议), once however often it is handed over.
-- The follow passes the followers' limit, as in merge.lua.
-- KEYS[1] the earlier case's timeline list  KEYS[2] its followers (set)
-- KEYS[3] the duplicate's reporter's followed cases in this home (zset tracking number → followed at)
-- KEYS[4] the duplicates already merged into cases of this home (set)
-- ARGV[1] the duplicate's tracking number  ARGV[2] the earlier case's tracking number  ARGV[3] its timeline entry JSON
-- ARGV[4] the resident to follow it ('' when she reported both)  ARGV[5] when the merge was made (epoch ms)
-- Returns 1 when written now, 0 when it had been.
if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then
  return 0
end
if ARGV[4] ~= '' and redis.call('SADD', KEYS[2], ARGV[4]) == 1 then
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[2])
end
redis.call('RPUSH', KEYS[1], ARGV[3])
return 1
