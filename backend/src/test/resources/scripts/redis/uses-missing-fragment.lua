-- A script that uses a fragment no one wrote: LuaScriptsTest checks the loader names it.
-- KEYS none
--! use lib/no-such
return 1
