-- A try to deliver a case's oldest update failed: it stays at the head, and the case's next attempt is set to the
-- backoff the sender chose; the tries and the last failure are kept for the admins' view of the backlog.
-- KEYS[1] cases with updates to deliver  KEYS[2] failed tries by case  KEYS[3] last failure by case
-- ARGV[1] tracking number  ARGV[2] next attempt (epoch ms)  ARGV[3] the failure (JSON: at, error)
-- Returns the tries so far, or 0 when the case has nothing to deliver any more.
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
return redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
