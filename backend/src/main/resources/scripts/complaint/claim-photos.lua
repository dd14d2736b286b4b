-- Claims the photos a report or a handling step names for its case, before the case is written (the photos live
-- apart from the case). Each must exist, not be being deleted, and be claimed by no other case; claiming again for the
-- same case changes nothing, so a retried step claims once. A claim stays in the claimed set until the case is written
-- (then the caller takes it off) or the cleanup finds the case never named it (then the photo waits again).
-- KEYS[1] unattached photos  KEYS[2] claimed photos (zset id → claimed at, epoch ms)  KEYS[3..] the photos' hashes
-- ARGV[1] tracking number  ARGV[2] now (epoch ms)
-- Returns "ok", or "photo-gone <id>" for the first that is not free (then nothing is claimed).
for i = 3, #KEYS do
  local case = redis.call('HGET', KEYS[i], 'case')
  if redis.call('EXISTS', KEYS[i]) == 0 or redis.call('HEXISTS', KEYS[i], 'deleting') == 1
      or (case and case ~= ARGV[1]) then
    return 'photo-gone ' .. string.match(KEYS[i], '[^:]+$')
  end
end
for i = 3, #KEYS do
  if redis.call('HEXISTS', KEYS[i], 'case') == 0 then
    local id = string.match(KEYS[i], '[^:]+$')
    redis.call('HSET', KEYS[i], 'case', ARGV[1])
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZADD', KEYS[2], ARGV[2], id)
  end
end
return 'ok'
