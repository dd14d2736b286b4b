-- Fragment: numbers one change of a listing kind and logs it. The revision only grows; the log's entry ids are
-- the revisions, so a reader that knows revision n asks for what follows n-0, and a gap in what it gets back says
-- the log was trimmed past it (it then reloads the kind). The newest 1,000 or so changes are kept.
local function record_change(revision_key, log_key, id)
  local revision = redis.call('INCR', revision_key)
  redis.call('XADD', log_key, 'MAXLEN', '~', 1000, revision .. '-0', 'id', id)
  return revision
end
