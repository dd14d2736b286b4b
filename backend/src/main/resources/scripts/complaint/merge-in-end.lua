-- Ends a merge across homes in the earlier case's home, for the run that carries it (merge-in.lua): done, the
-- record is kept a while so the merge is never written again; taken back (the duplicate's side was refused), the
-- timeline entry and the follow this merge made go, and the record with them.
-- KEYS[1] the earlier case's timeline list  KEYS[2] its followers (set)
-- KEYS[3] the duplicate's reporter's followed cases in this home  KEYS[4] the record of the merge (string, JSON)
-- ARGV[1] this run's token  ARGV[2] 'done' or 'undo'  ARGV[3] the earlier case's tracking number
-- ARGV[4] how long a done record is kept (seconds)
-- Returns 1 when ended now, 0 when this run does not carry the merge (any more).
local held = redis.call('GET', KEYS[4])
if not held then
  return 0
end
local record = cjson.decode(held)
if record.token ~= ARGV[1] or record.state ~= 'pending' then
  return 0
end
if ARGV[2] == 'done' then
  record.state = 'done'
  redis.call('SET', KEYS[4], cjson.encode(record), 'EX', ARGV[4])
  return 1
end
redis.call('LREM', KEYS[1], -1, record.entry)
if record.followed and record.follower ~= '' then
  redis.call('SREM', KEYS[2], record.follower)
  redis.call('ZREM', KEYS[3], ARGV[3])
end
redis.call('DEL', KEYS[4])
return 1
