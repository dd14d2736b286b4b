-- Writes a key moved over from an earlier key layout, unless the key is there already: moved by another instance
-- migrating at the same time, or by this one before it stopped midway, and perhaps changed since — never
-- written over with what the old key held.
-- KEYS[1] the key in the new layout  ARGV[1] its type, 'hash' or 'string'  ARGV[2] its time to live in ms, or -1
-- ARGV[3..] the value: a string, or a hash's fields and values in turn
-- Returns 1 if it was written, 0 if it was there.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
if ARGV[1] == 'hash' then
  redis.call('HSET', KEYS[1], unpack(ARGV, 3))
else
  redis.call('SET', KEYS[1], ARGV[3])
end
if tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
