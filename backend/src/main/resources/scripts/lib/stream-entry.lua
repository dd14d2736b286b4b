-- Fragment: appends one entry to a stream. The application passes an event or audit entry as one argument,
-- a JSON array of field names and values in order (["type","MOVED","trackingNo","JZ…",…]); a script may add
-- name/value pairs of its own after them.
local function append_entry(stream, fields, ...)
  local entry = cjson.decode(fields)
  for _, extra in ipairs({...}) do
    entry[#entry + 1] = extra
  end
  return redis.call('XADD', stream, '*', unpack(entry))
end
