-- Writes a case without its contact phone if nobody changed it since it was read; the version stays
-- (erasing personal data is not a move of the closed loop).
-- KEYS[1] cases hash  ARGV[1] tracking number  ARGV[2] version read  ARGV[3] the case JSON without the phone
-- Returns "ok", "moved" (read again and retry) or "missing".
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return 'missing'
end
if tonumber(cjson.decode(current).version) ~= tonumber(ARGV[2]) then
  return 'moved'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 'ok'
