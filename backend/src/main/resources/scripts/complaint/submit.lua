-- Stores a new case with its index entries, its first timeline entry and its event, all or nothing;
-- or, when the same Idempotency-Key was used before, stores nothing and names the first case.
-- KEYS[1] idempotency key  KEYS[2] cases hash  KEYS[3] resident's cases  KEYS[4] station's (or unrouted) cases
-- KEYS[5] district's (or unrouted) cases  KEYS[6] all cases  KEYS[7] cases in status RECEIVED
-- KEYS[8] the case's timeline list  KEYS[9] events stream          (every index: zset scored by created at)
-- KEYS[10] cases by when they turn yellow  KEYS[11] cases by when they turn red
-- KEYS[12] open cases of its category (GEO: the nearby search)
-- KEYS[13] cases of its category  KEYS[14] cases of its subdistrict (or of none)  (zsets scored by created at)
-- KEYS[15] cases by deadline (score: due at; only while a clock runs)
-- KEYS[16] KEYS[17] its station's and its district's cases in status RECEIVED (zsets scored by created at)
-- The photos the report names were claimed for the case before (claim-photos.lua): they live apart from it.
-- ARGV[1] tracking number  ARGV[2] case JSON  ARGV[3] created at (epoch ms)  ARGV[4] timeline entry JSON
-- ARGV[5] seconds the idempotency key is remembered ('0': no key given; 'ever': a platform's order id, kept
--   for good)
-- ARGV[6] yellow at (epoch ms, '' when no clock runs)  ARGV[7] due at  ARGV[8] longitude  ARGV[9] latitude ('' for a case
--   reported by address only: it stays out of the nearby search)
-- ARGV[10] the event (JSON array: name, value, ...)
-- Returns "created <trackingNo>", "existing <trackingNo>", or "number-taken <trackingNo>" when a case already has the
-- number (the day's sequence was lost: a case is never overwritten); in the last two nothing is written.
--! use lib/stream-entry
if ARGV[5] ~= '0' then
  local first = redis.call('GET', KEYS[1])
  if first then
    return 'existing ' .. first
  end
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return 'number-taken ' .. ARGV[1]
end
if ARGV[5] == 'ever' then
  redis.call('SET', KEYS[1], ARGV[1])
elseif ARGV[5] ~= '0' then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[5])
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
for _, i in ipairs({3, 4, 5, 6, 7, 13, 14, 16, 17}) do
  redis.call('ZADD', KEYS[i], ARGV[3], ARGV[1])
end
if ARGV[8] ~= '' then
  redis.call('GEOADD', KEYS[12], ARGV[8], ARGV[9], ARGV[1])
end
redis.call('RPUSH', KEYS[8], ARGV[4])
if ARGV[6] ~= '' then
  redis.call('ZADD', KEYS[10], ARGV[6], ARGV[1])
  redis.call('ZADD', KEYS[11], ARGV[7], ARGV[1])
  redis.call('ZADD', KEYS[15], ARGV[7], ARGV[1])
end
append_entry(KEYS[9], ARGV[10])
return 'created ' .. ARGV[1]
