-- Releases a lock only if this instance still holds it (its lease may have run out and another instance taken
-- it): WeChat's access-token lock, the identity migration's lock.
-- KEYS[1] the lock  ARGV[1] this instance's id
-- Returns 1 when released, 0 when held by another or gone.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
