-- Closes one session and forgets it in its owner's session set.
-- KEYS[1] session key  KEYS[2] owner's session set  ARGV[1] the session's hash
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return 'ok'
