-- Claims the oldest undelivered platform update of one case for one sender, if it is due: the case's next attempt
-- moves to the lease end and the lease is recorded, so no other instance sends it meanwhile, an admin's retry leaves
-- it alone, and a sender that dies leaves it due again then. Only the head is handed out: a case's updates reach the
-- platform one at a time, in order.
-- KEYS[1] cases with updates to deliver (zset: next attempt, epoch ms)  KEYS[2] the case's outbox (list of JSON)
-- KEYS[3] failed tries by case (hash)  KEYS[4] leases by case (hash: lease end, epoch ms)
-- ARGV[1] tracking number  ARGV[2] now (epoch ms)  ARGV[3] lease end (epoch ms; the claim's token)
-- Returns {update JSON, tries so far}, or an empty array when nothing of the case is due (delivered, leased by
-- another sender, or waiting for its next attempt).
local next = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not next or tonumber(next) > tonumber(ARGV[2]) then
  return {}
end
local head = redis.call('LINDEX', KEYS[2], 0)
if not head then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[4], ARGV[1])
  return {}
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[3])
return {head, tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')}
