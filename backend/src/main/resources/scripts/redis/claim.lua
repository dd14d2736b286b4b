-- Claims due items of a leased queue (LeasedQueue) for one worker: each moves from the due set to the
-- in-flight set with a lease, so two instances never work on the same item; a lease that runs out
-- puts it back (reap.lua). An id that is due while it is still in flight (a newer version of the item
-- was queued under the same id while a worker had the older one) waits for that worker: items of one
-- id are worked one at a time, in order.
-- KEYS[1] items by due time  KEYS[2] items in flight (score: lease end)  KEYS[3] items hash (id → JSON)
-- ARGV[1] now (epoch ms)  ARGV[2] lease end (epoch ms)  ARGV[3] how many at most
-- Returns a JSON array of the claimed items.
local wanted = tonumber(ARGV[3])
-- the ids skipped for being in flight are at most as many as are in flight
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, wanted + redis.call('ZCARD', KEYS[2]))
local out = {}
for _, id in ipairs(ids) do
  if #out == wanted then
    break
  end
  if not redis.call('ZSCORE', KEYS[2], id) then
    redis.call('ZREM', KEYS[1], id)
    local item = redis.call('HGET', KEYS[3], id)
    if item then
      redis.call('ZADD', KEYS[2], ARGV[2], id)
      out[#out + 1] = item
    end
  end
end
return '[' .. table.concat(out, ',') .. ']'
