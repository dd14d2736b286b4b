-- Revokes an Open311 api_key by its id: the key stops working at once; its cases stay.
-- KEYS[1] keys (hash: SHA-256 of the key → key record JSON)  KEYS[2] key ids (hash: id → SHA-256)
-- ARGV[1] id
-- Returns 1 when the key was revoked, 0 when there is no such key.
local hash = redis.call('HGET', KEYS[2], ARGV[1])
if not hash then
  return 0
end
redis.call('HDEL', KEYS[1], hash)
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
