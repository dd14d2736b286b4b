-- The platform acknowledged a case's oldest update: it leaves the outbox, the lease ends and the case's next update,
-- if any, is due at once. A second acknowledgement of the same update (a sender whose lease ran out while it waited,
-- and another that sent it again) changes nothing.
-- KEYS[1] cases with updates to deliver  KEYS[2] the case's outbox  KEYS[3] failed tries by case
-- KEYS[4] last failure by case (hash)  KEYS[5] leases by case (hash)
-- ARGV[1] tracking number  ARGV[2] the update's id  ARGV[3] now (epoch ms)
-- Returns 1 when the update was taken off the outbox, 0 when it was not its head (any more).
local head = redis.call('LINDEX', KEYS[2], 0)
if not head or cjson.decode(head).id ~= ARGV[2] then
  return 0
end
redis.call('LPOP', KEYS[2])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('HDEL', KEYS[5], ARGV[1])
if redis.call('LLEN', KEYS[2]) > 0 then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
return 1
