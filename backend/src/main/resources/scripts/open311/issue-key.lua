-- Stores a new Open311 api_key: its record under the key's SHA-256, and the id's pointer to that hash
-- (what listing and revoking go by), together.
-- KEYS[1] keys (hash: SHA-256 of the key → key record JSON)  KEYS[2] key ids (hash: id → SHA-256)
-- ARGV[1] SHA-256 of the key (hex)  ARGV[2] id  ARGV[3] key record JSON
-- Returns 1.
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
return 1
