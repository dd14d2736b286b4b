-- Fragment: the earlier case's side of a merge of a duplicate into it (merge.lua within a home, merge-in.lua across).
-- Whether the case is open still: only an open case takes a merge (closed, rejected or gone: none).
local function still_open(cases, tracking_no)
  local stored = redis.call('HGET', cases, tracking_no)
  if not stored then
    return false
  end
  local status = cjson.decode(stored).status
  return status ~= 'CLOSED' and status ~= 'REJECTED'
end

-- Its timeline entry, and the duplicate's reporter ('' none) among its followers, past the followers' limit (staff
-- merged the report, nobody chose to follow): whether she follows it because of this merge.
local function take_merge(timeline, followers, followed, resident, now, tracking_no, entry)
  local follows = false
  if resident ~= '' and redis.call('SADD', followers, resident) == 1 then
    redis.call('ZADD', followed, now, tracking_no)
    follows = true
  end
  redis.call('RPUSH', timeline, entry)
  return follows
end
