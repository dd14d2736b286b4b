-- Keeps the first value a key is given, for a while: the first caller sets it, later ones read it.
-- KEYS[1] the key  ARGV[1] the value to keep when there is none  ARGV[2] its lifetime in seconds, 0 for ever
-- Returns the value kept before this call, or '' when this call set it.
local kept = redis.call('GET', KEYS[1])
if kept then
  return kept
end
if ARGV[2] == '0' then
  redis.call('SET', KEYS[1], ARGV[1])
else
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
return ''
