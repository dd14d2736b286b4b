-- An admin gives up on a case's oldest update (the platform refuses it for good, e.g. the 工单 is closed on its side,
-- or the platform is gone): it leaves the outbox unsent, with an audit entry, and the case's next update is due at
-- once. Only the update the admin saw in front is skipped, and not while a sender holds it.
-- KEYS[1] cases with updates to deliver  KEYS[2] the case's outbox  KEYS[3] failed tries by case
-- KEYS[4] last failure by case  KEYS[5] leases by case  KEYS[6] audit stream
-- ARGV[1] tracking number  ARGV[2] the update's id  ARGV[3] now (epoch ms)  ARGV[4] the audit entry (JSON array: name, value, ...)
-- Returns 'skipped', 'sending' or 'gone' (it is not in front any more: delivered or skipped meanwhile).
--! use lib/stream-entry
local head = redis.call('LINDEX', KEYS[2], 0)
if not head or cjson.decode(head).id ~= ARGV[2] then
  return 'gone'
end
local lease = redis.call('HGET', KEYS[5], ARGV[1])
if lease and tonumber(lease) > tonumber(ARGV[3]) then
  return 'sending'
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
append_entry(KEYS[6], ARGV[4])
return 'skipped'
