-- Adds an update that is not a move of the case (a follow-up survey's result) to the case's outbox, once per
-- update id, behind the updates still waiting there.
-- KEYS[1] cases with updates to deliver  KEYS[2] the case's outbox  KEYS[3] update ids added so far (hash id → case)
-- ARGV[1] tracking number  ARGV[2] the update's id  ARGV[3] the update (JSON)  ARGV[4] now (epoch ms)
-- Returns 1 when added, 0 when it was added before.
if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[1]) == 0 then
  return 0
end
if redis.call('RPUSH', KEYS[2], ARGV[3]) == 1 then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
end
return 1
