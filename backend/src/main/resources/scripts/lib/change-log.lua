-- Fragment: numbers one change and logs it (a listing saved or deleted, a session ended). The revision only grows;
-- the log's entry ids are the revisions, so a reader that knows revision n asks for what follows n-0 (redis/changes),
-- and a gap in what it gets back says the log was trimmed past it (it then starts over from the store). The newest
-- 1,000 or so changes are kept.
-- A log starts at the clock's microseconds, not at 1: a store emptied (or a new one) and written again is then ahead
-- of anything a reader of the old one knew (no script runs in under a microsecond, so no log ever gained a revision
-- per microsecond), never level with it, and the gap makes the reader start over. 16 digits: exact in Lua's doubles
-- and written with %d, as Lua's default %.14g would round them.
local function record_change(revision_key, log_key, id)
  local revision
  if redis.call('EXISTS', revision_key) == 1 then
    revision = redis.call('INCR', revision_key)
  else
    local now = redis.call('TIME')
    revision = tonumber(now[1]) * 1000000 + tonumber(now[2])
    redis.call('SET', revision_key, string.format('%d', revision))
  end
  redis.call('XADD', log_key, 'MAXLEN', '~', 1000, string.format('%d', revision) .. '-0', 'id', id)
  return revision
end
