-- A worker is done with an item of a leased queue (LeasedQueue): its claim ends and the item is forgotten,
-- with the count of its tries. The claim is named by its lease end: an id is claimed again only after its
-- lease ran out, so a later claim always has a later lease end, and a worker that finished too late cannot
-- end the claim of the one that took the item over.
-- KEYS[1] items in flight  KEYS[2] items hash  KEYS[3] tries by id  ARGV[1] id  ARGV[2] the lease end it was given
-- Returns 1, or 0 when its claim had ended already (the lease ran out: the item is due again or claimed anew).
local lease = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not lease or tonumber(lease) ~= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
