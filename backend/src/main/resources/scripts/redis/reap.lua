-- Puts items whose worker's lease ran out (it crashed between claim and done) back into the due set.
-- KEYS[1] items by due time  KEYS[2] items in flight  ARGV[1] now (epoch ms)
-- Returns how many were put back.
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], ARGV[1], id)
end
return #ids
