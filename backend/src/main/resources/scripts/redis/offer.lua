-- Queues an item of a leased queue (LeasedQueue) once: an id already queued is left as it is.
-- KEYS[1] items by due time  KEYS[2] items hash (id → JSON)
-- ARGV[1] id  ARGV[2] JSON  ARGV[3] due (epoch ms)
-- Returns 1 when queued, 0 when it was already.
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
