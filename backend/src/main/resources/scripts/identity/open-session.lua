-- Opens a session: the session key with its lifetime, and its entry in the owner's session set
-- (so deleting an account can revoke every session it has).
-- KEYS[1] session key  KEYS[2] owner's session set
-- ARGV[1] "<KIND> <subject>"  ARGV[2] lifetime in seconds  ARGV[3] the session's hash (member of the set)
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return 'ok'
