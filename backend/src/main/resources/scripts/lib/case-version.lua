-- Fragment: the version of a case as stored in the cases hash, or nil when there is no such case.
local function case_version(cases, tracking_no)
  local current = redis.call('HGET', cases, tracking_no)
  if not current then
    return nil
  end
  return tonumber(cjson.decode(current).version)
end
