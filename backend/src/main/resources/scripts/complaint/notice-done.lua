-- A notice was delivered (or could not be): its claim ends, and it is forgotten unless a newer notice
-- of the same case took its place meanwhile (that one stays due); either way the log says how it went.
-- Notices are kept under their case's tracking number; one queued before that layout, under its own id.
-- KEYS[1] notices in flight  KEYS[2] notices hash  KEYS[3] notice log stream  KEYS[4] attempts by notice id
-- KEYS[5] the recipients already served with this notice (hash resident id → channel)
-- ARGV[1] tracking number  ARGV[2] notice id  ARGV[3] the log entry (JSON array: name, value, ...)
-- ARGV[4] the lease end the sender was given: its claim's name (a claim taken after that lease ran out has a
--   later one, and this sender must leave it alone: it may be of a newer notice)
-- Returns 1, or 0 when the sender's claim had ended already (the notice is due again, or another sender has it;
-- nothing is written).
--! use lib/stream-entry
local field
for _, candidate in ipairs({ARGV[1], ARGV[2]}) do
  local lease = redis.call('ZSCORE', KEYS[1], candidate)
  if lease and tonumber(lease) == tonumber(ARGV[4]) then
    redis.call('ZREM', KEYS[1], candidate)
    field = candidate
  end
end
if not field then
  return 0
end
local current = redis.call('HGET', KEYS[2], field)
if current and cjson.decode(current).id == ARGV[2] then
  redis.call('HDEL', KEYS[2], field)
end
redis.call('HDEL', KEYS[4], ARGV[2])
redis.call('DEL', KEYS[5])
append_entry(KEYS[3], ARGV[3])
return 1
