-- Forgets an openid's link to a resident being deleted, unless it already leads to another one (the openid logged
-- in again after an earlier attempt of this deletion and was given a new resident).
-- KEYS[1] openid index  ARGV[1] the resident id
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
end
return 'ok'
