-- Takes one password guess of an account's window before the password is checked, so however many
-- guesses arrive at once, no more than the limit are ever checked.
-- KEYS[1] the account's attempts hash: window (id of this window), used (guesses taken)
-- ARGV[1] guesses per window  ARGV[2] window length in ms  ARGV[3] an id for a window opened now
-- Answers {taken ('1' or '0'), guesses used with this one, ms left in the window, window id}.
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
if used >= tonumber(ARGV[1]) then
  return {'0', tostring(used), tostring(redis.call('PTTL', KEYS[1])), ''}
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'window', ARGV[3], 'used', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {'1', '1', ARGV[2], ARGV[3]}
end
used = redis.call('HINCRBY', KEYS[1], 'used', 1)
return {'1', tostring(used), tostring(redis.call('PTTL', KEYS[1])), redis.call('HGET', KEYS[1], 'window')}
