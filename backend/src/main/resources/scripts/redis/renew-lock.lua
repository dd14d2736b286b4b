-- Extends a lock's lease only if this instance still holds it.
-- KEYS[1] the lock  ARGV[1] this instance's id  ARGV[2] the new lease in ms
-- Returns 1 when extended, 0 when held by another or gone (the holder must stop what the lock guards).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
