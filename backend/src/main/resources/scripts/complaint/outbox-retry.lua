-- An admin asks for a case's waiting update to be tried at the next run instead of after its backoff. A case a
-- sender holds right now is left alone: its answer decides.
-- KEYS[1] cases with updates to deliver  KEYS[2] leases by case
-- ARGV[1] tracking number  ARGV[2] now (epoch ms)
-- Returns 'due', 'sending' (leased, lease not over) or 'none' (nothing of the case waits).
local next = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not next then
  return 'none'
end
local lease = redis.call('HGET', KEYS[2], ARGV[1])
if lease and tonumber(lease) > tonumber(ARGV[2]) then
  return 'sending'
end
redis.call('HDEL', KEYS[2], ARGV[1])
if tonumber(next) > tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end
return 'due'
