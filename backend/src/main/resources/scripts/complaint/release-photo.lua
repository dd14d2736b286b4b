-- Gives back a photo claimed for a case that never named it (the report or step failed after the claim): it waits
-- to be named again, from its upload time, and the cleanup deletes it if nobody does.
-- KEYS[1] the photo's hash  KEYS[2] unattached photos  KEYS[3] claimed photos
-- ARGV[1] photo id  ARGV[2] the tracking number it was claimed for  ARGV[3] its upload time (epoch ms)
-- Returns 1, or 0 when the photo is no longer claimed for that case (only its claim is dropped).
redis.call('ZREM', KEYS[3], ARGV[1])
if redis.call('HGET', KEYS[1], 'case') ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[1], 'case')
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
