-- A right password gives back the one guess it took, and nothing else: guesses other requests took
-- meanwhile stay counted, and a window that ended since (its id changed or it is gone) is left alone.
-- KEYS[1] the account's attempts hash  ARGV[1] the id of the window the guess was taken in
if redis.call('HGET', KEYS[1], 'window') == ARGV[1] then
  redis.call('HINCRBY', KEYS[1], 'used', -1)
end
return 'ok'
