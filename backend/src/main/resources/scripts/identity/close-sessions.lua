-- Ends sessions: deletes them, forgets them in their owner's session set and logs each one as ended, so every
-- backend's session cache drops it (SessionCache follows the log).
-- KEYS[1] owner's session set  KEYS[2] revocations revision  KEYS[3] revocations log  KEYS[4..] the session keys
-- ARGV[1..] the sessions' hashes, one per KEYS[4..]
--! use lib/change-log
for i, hash in ipairs(ARGV) do
  redis.call('DEL', KEYS[i + 3])
  redis.call('SREM', KEYS[1], hash)
  record_change(KEYS[2], KEYS[3], hash)
end
return 'ok'
