-- 附议: a resident follows an open case someone else reported, once. The case and both indexes are
-- checked and written together, so a case closed meanwhile is never followed.
-- KEYS[1] cases hash  KEYS[2] the case's followers (set of resident ids)  KEYS[3] the resident's followed cases
-- (zset tracking number → followed at)
-- ARGV[1] tracking number  ARGV[2] resident id  ARGV[3] now (epoch ms)  ARGV[4] most followers a case takes
-- Returns "added", "already", "missing", "own" (the resident reported it), "closed" (closed or rejected)
-- or "full".
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return 'missing'
end
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then
  return 'already'
end
local case = cjson.decode(current)
if case.residentId == ARGV[2] then
  return 'own'
end
if case.status == 'CLOSED' or case.status == 'REJECTED' then
  return 'closed'
end
if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  return 'full'
end
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return 'added'
