-- The earlier case's side of a merge across homes, written first, in the earlier case's home: if the case is still
-- open, its timeline entry and the duplicate's reporter among its followers (附议). merge.lua writes the duplicate's
-- side in its own home next; then merge-in-end.lua either marks this merge done or takes this side back (the
-- duplicate's was refused). A record of the merge (KEYS[5]) makes each merge of a duplicate write its side once and
-- lets one run at a time carry it: another run finds it busy, until the record has waited ARGV[8] ms without an end
-- (its run died between the steps), when the next run takes it over as it stands.
-- The follow passes the followers' limit, as in merge.lua.
-- KEYS[1] cases hash  KEYS[2] the earlier case's timeline list  KEYS[3] its followers (set)
-- KEYS[4] the duplicate's reporter's followed cases in this home (zset tracking number → followed at)
-- KEYS[5] the record of the duplicate's merge into a case of this home (string, JSON)
-- ARGV[1] the duplicate's tracking number  ARGV[2] the earlier case's tracking number  ARGV[3] its timeline entry JSON
-- ARGV[4] the resident to follow it ('' when she reported both)  ARGV[5] now (epoch ms)  ARGV[6] this run's token
-- ARGV[7] how long the record is kept (seconds)  ARGV[8] how long a run may hold it without an end (ms)
-- Returns "ok" (written now), "taken-over" (written by a run that died: this run carries it on), "busy <case>" (a run
-- into that case carries it), "done" (merged before) or "into-done" (the earlier case is closed, rejected or gone:
-- nothing written).
--! use lib/earlier-case
local held = redis.call('GET', KEYS[5])
if held then
  local record = cjson.decode(held)
  if record.state == 'done' then
    return 'done'
  end
  -- a run into another case, or one still within its time, holds it; one that died is taken over as it stands
  if record.earlier ~= ARGV[2] or tonumber(ARGV[5]) - record.at < tonumber(ARGV[8]) then
    return 'busy ' .. record.earlier
  end
  record.token = ARGV[6]
  record.at = tonumber(ARGV[5])
  redis.call('SET', KEYS[5], cjson.encode(record), 'EX', ARGV[7])
  return 'taken-over'
end
if not still_open(KEYS[1], ARGV[2]) then
  return 'into-done'
end
local followed = take_merge(KEYS[2], KEYS[3], KEYS[4], ARGV[4], ARGV[5], ARGV[2], ARGV[3])
redis.call('SET', KEYS[5], cjson.encode({state = 'pending', earlier = ARGV[2], entry = ARGV[3], follower = ARGV[4],
  followed = followed, token = ARGV[6], at = tonumber(ARGV[5])}), 'EX', ARGV[7])
return 'ok'
