-- Ends sessions of one owner: deletes them and forgets them in the owner's session set. The caller then logs them
-- as ended (log-ended.lua), which lives in another slot.
-- KEYS[1] owner's session set  KEYS[2..] the session keys
-- ARGV[1..] the sessions' hashes, one per KEYS[2..]
for i, hash in ipairs(ARGV) do
  redis.call('DEL', KEYS[i + 1])
  redis.call('SREM', KEYS[1], hash)
end
return 'ok'
