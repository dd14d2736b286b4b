-- A resident stops following a case (or her account is deleted): both indexes together.
-- KEYS[1] the case's followers  KEYS[2] the resident's followed cases
-- ARGV[1] tracking number  ARGV[2] resident id
-- Returns 1 when she was among the case's followers, else 0 (a stray entry in her own list goes all the same).
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('SREM', KEYS[1], ARGV[2])
