-- How many residents follow each of a few cases, and whether the caller is one of them, in one round trip.
-- KEYS[1..n] the cases' follower sets  ARGV[1] the caller's resident id ('' for staff)
-- Returns {count 1, 1 or 0, count 2, 1 or 0, ...}.
local out = {}
for i = 1, #KEYS do
  out[#out + 1] = redis.call('SCARD', KEYS[i])
  out[#out + 1] = (ARGV[1] ~= '' and redis.call('SISMEMBER', KEYS[i], ARGV[1])) or 0
end
return out
