-- What changed in one listing kind since a revision the caller knows, for its in-memory nearby index.
-- KEYS[1] revision counter  KEYS[2] change log stream (entries <revision>-0 with field id, see save.lua)
-- ARGV[1] the revision the caller knows  ARGV[2] how many changes at most
-- Returns "same <revision>" when nothing changed; "changes <last revision returned> <id> <id> ..." for the next
-- changes in order (an id may repeat); "reload <revision>" when the caller cannot catch up from the log: the
-- revision went back (the store was emptied or restored) or the log no longer holds the change after its own.
local known = tonumber(ARGV[1])
local revision = tonumber(redis.call('GET', KEYS[1]) or '0')
if revision == known then
  return 'same ' .. revision
end
if revision < known then
  return 'reload ' .. revision
end
local entries = redis.call('XRANGE', KEYS[2], '(' .. known .. '-0', '+', 'COUNT', ARGV[2])
if #entries == 0 or entries[1][1] ~= (known + 1) .. '-0' then
  return 'reload ' .. revision
end
local out = {}
for i, entry in ipairs(entries) do
  out[i] = entry[2][2]
end
local last = string.match(entries[#entries][1], '^(%d+)')
return 'changes ' .. last .. ' ' .. table.concat(out, ' ')
