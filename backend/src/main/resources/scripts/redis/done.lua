-- A worker is done with an item of a leased queue (LeasedQueue): its claim ends and the item is forgotten,
-- with the count of its tries.
-- KEYS[1] items in flight  KEYS[2] items hash  KEYS[3] tries by id  ARGV[1] id
-- Returns 1, or 0 when the claim had ended already (its lease ran out and the item went back to the due set).
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
