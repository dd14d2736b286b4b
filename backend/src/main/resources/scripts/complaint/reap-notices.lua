-- Puts notices whose sender's lease ran out (it crashed between claim and send) back into the due set.
-- KEYS[1] notices by due time  KEYS[2] notices in flight  ARGV[1] now (epoch ms)
-- Returns how many were put back.
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], ARGV[1], id)
end
return #ids
