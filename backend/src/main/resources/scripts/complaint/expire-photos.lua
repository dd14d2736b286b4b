-- First half of deleting photos nobody attached in time: each candidate still unattached and
-- uploaded at or before the cutoff moves from the unattached set to the deleting set and is marked, so a
-- report racing the cleanup cannot attach it any more. The bytes are deleted afterwards, then the
-- record; a crash in between leaves it in the deleting set, and the next sweep finishes the job.
-- KEYS[1] unattached photos  KEYS[2] photos being deleted  KEYS[3..] the candidates' hashes
-- ARGV[1] cutoff (epoch ms)  ARGV[2] now (epoch ms)
-- Returns the ids marked.
local marked = {}
for i = 3, #KEYS do
  local id = string.match(KEYS[i], '[^:]+$')
  local uploaded = redis.call('ZSCORE', KEYS[1], id)
  if uploaded and tonumber(uploaded) <= tonumber(ARGV[1]) and redis.call('HEXISTS', KEYS[i], 'case') == 0 then
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZADD', KEYS[2], ARGV[2], id)
    redis.call('HSET', KEYS[i], 'deleting', ARGV[2])
    marked[#marked + 1] = id
  end
end
return marked
