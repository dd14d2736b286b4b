-- What changed since a revision the caller knows, for an in-process copy that follows a change log (lib/change-log).
-- KEYS[1] revision counter  KEYS[2] change log stream (entries <revision>-0 with field id)
-- ARGV[1] the revision the caller knows  ARGV[2] how many changes at most
-- Returns "same <revision>" when nothing changed; "changes <last revision returned> <id> <id> ..." for the next
-- changes in order (an id may repeat); "reload <revision>" when the caller cannot catch up from the log: the
-- revision went back (the store was emptied or restored) or the log no longer holds the change after its own.
local known = tonumber(ARGV[1])
local revision = tonumber(redis.call('GET', KEYS[1]) or '0')
-- %d, not the default %.14g: revisions are clock microseconds and more (lib/change-log)
if revision == known then
  return string.format('same %d', revision)
end
if revision < known then
  return string.format('reload %d', revision)
end
local entries = redis.call('XRANGE', KEYS[2], string.format('(%d-0', known), '+', 'COUNT', ARGV[2])
if #entries == 0 or entries[1][1] ~= string.format('%d-0', known + 1) then
  return string.format('reload %d', revision)
end
local out = {}
for i, entry in ipairs(entries) do
  out[i] = entry[2][2]
end
local last = string.match(entries[#entries][1], '^(%d+)')
return 'changes ' .. last .. ' ' .. table.concat(out, ' ')
