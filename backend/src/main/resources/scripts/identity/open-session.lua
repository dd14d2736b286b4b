-- Opens a session: the session key with its lifetime, and its entry in the owner's session set
-- (so deleting an account can revoke every session it has). On the way it prunes the set: members
-- whose session lapsed are removed, and the set lives as long as its longest session and at least
-- the new one's lifetime plus the margin in which a used session does not extend it again
-- (Sessions.resolve), so the set of an owner who never comes back lapses too. An owner deleted since the caller
-- read it (a login racing the account's deletion) gets no session: 'gone'.
-- KEYS[1] session key  KEYS[2] owner's session set  KEYS[3] the owner's record (resident or staff hash)
-- KEYS[4..] the session keys of the set's members, as the caller read it  ARGV[1] the session's value
-- ARGV[2] lifetime in seconds  ARGV[3] the session's hash (member of the set)
-- ARGV[4] the set's least lifetime in seconds  ARGV[5..] the members' hashes, one per KEYS[4..]
if redis.call('EXISTS', KEYS[3]) == 0 then
  return 'gone'
end
local longest = tonumber(ARGV[4]) * 1000
for i = 4, #KEYS do
  local left = redis.call('PTTL', KEYS[i])
  if left == -2 then
    redis.call('SREM', KEYS[2], ARGV[i + 1])
  elseif left > longest then
    longest = left
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], longest)
return 'ok'
