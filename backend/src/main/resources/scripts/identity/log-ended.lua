-- Logs sessions as ended, so every backend's session cache drops them (SessionCache follows the log); the sessions
-- themselves were deleted before, by close-sessions.lua or delete-resident.lua.
-- KEYS[1] revocations revision  KEYS[2] revocations log
-- ARGV[1..] the sessions' hashes
--! use lib/change-log
for _, hash in ipairs(ARGV) do
  record_change(KEYS[1], KEYS[2], hash)
end
return 'ok'
