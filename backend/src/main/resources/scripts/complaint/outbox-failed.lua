-- A try to deliver a case's oldest update failed: it stays at the head, the lease ends and the case's next attempt
-- is set to the backoff the sender chose; the tries and the last failure are kept for the admins' view. Only the
-- sender still holding the lease may say so: one whose lease ran out (another sender has the case now, perhaps at
-- its next update) changes nothing.
-- KEYS[1] cases with updates to deliver  KEYS[2] failed tries by case  KEYS[3] last failure by case
-- KEYS[4] leases by case  KEYS[5] the case's outbox
-- ARGV[1] tracking number  ARGV[2] next attempt (epoch ms)  ARGV[3] the failure (JSON: at, error)
-- ARGV[4] the claim's lease end (its token)  ARGV[5] the update's id
-- Returns the tries so far, or 0 when the claim is no longer this sender's.
local head = redis.call('LINDEX', KEYS[5], 0)
if redis.call('HGET', KEYS[4], ARGV[1]) ~= ARGV[4] or not head or cjson.decode(head).id ~= ARGV[5] then
  return 0
end
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
return redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
