-- Claims due items of a leased queue (LeasedQueue) for one worker: each moves from the due set to the
-- in-flight set with a lease, so two instances never work on the same item; a lease that runs out
-- puts it back (reap.lua).
-- KEYS[1] items by due time  KEYS[2] items in flight (score: lease end)  KEYS[3] items hash (id → JSON)
-- ARGV[1] now (epoch ms)  ARGV[2] lease end (epoch ms)  ARGV[3] how many at most
-- Returns a JSON array of the claimed items.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local notice = redis.call('HGET', KEYS[3], id)
  if notice then
    redis.call('ZADD', KEYS[2], ARGV[2], id)
    out[#out + 1] = notice
  end
end
return '[' .. table.concat(out, ',') .. ']'
