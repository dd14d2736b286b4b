-- One home's part of the staff case list over every case of the scope: its total, its counts per
-- status, and its cases of one page in the list's order, by what orders them, in one call (the backend
-- merges the homes' parts and reads only the page's cases). Reads only; the scratch sets below are
-- deleted before it returns and never replicated or written to the AOF (redis.set_repl), so a list
-- costs no fsync.
-- KEYS[1] cases hash (a text search reads it)  KEYS[2] cases by deadline (score: due at, only cases whose clock runs)
-- KEYS[3] KEYS[4] KEYS[5] scratch sets (this script's own, in the {complaint} slot)
-- KEYS[6 .. 5+f] the facet indexes to intersect, the scope's first (all, a district's, a station's;
--   then category, station, subdistrict, 督办 level); every one scored by created at, so AGGREGATE MIN
--   keeps that score
-- KEYS[6+f ..] the scope's index of each status (its cases in that status), in the order of ARGV[10..]
-- ARGV[1] created at from (epoch ms, '-inf')  ARGV[2] created at to ('+inf' or '(<ms>': exclusive)
-- ARGV[3] offset  ARGV[4] page size  ARGV[5] 'newest' or 'deadline'
-- ARGV[6] the position (1-based) among the status indexes of the status filter, '0' for none
-- ARGV[7] text to find in tracking number, description or address ('' none)
-- ARGV[8] at most this many cases are read for a text search  ARGV[9] f  ARGV[10 ..] status names
-- Returns {"total":n,"partial":bool,"counts":{"RECEIVED":n,...},"items":[{"id":tracking number,
-- "created":epoch ms,"due":epoch ms (sorting by deadline, where a clock runs)}, ...]}.
--
-- Why sets in C rather than a Lua loop: ZINTERSTORE walks the smallest input and looks each member up
-- in the others' hash tables, inside Redis; a loop of ZSCORE calls from Lua costs a redis.call (~1 µs)
-- per member and facet, twenty to fifty times more on a scope of 100,000 cases. The date range is cut
-- first from the facet with the fewest cases in it (ZCOUNT is O(log n)), so the intersection starts
-- from the smallest candidate set.
redis.set_repl(redis.REPL_NONE)
local cases, deadlines, base, scratch, rest = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local from, to = ARGV[1], ARGV[2]
local offset, size = tonumber(ARGV[3]), tonumber(ARGV[4])
local byDeadline, wanted, text, bound = ARGV[5] == 'deadline', tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8])
local f = tonumber(ARGV[9])
local statuses = {}
for i = 10, #ARGV do
  statuses[#statuses + 1] = {name = ARGV[i], key = KEYS[5 + f + i - 9]}
end
local ranged = from ~= '-inf' or to ~= '+inf'

-- scores of members in a set, in slices (unpack is bounded by the Lua stack)
local function scores(key, ids)
  local out = {}
  for first = 1, #ids, 1000 do
    local got = redis.call('ZMSCORE', key, unpack(ids, first, math.min(first + 999, #ids)))
    for i = 1, #got do
      out[first + i - 1] = got[i] and tonumber(got[i]) or false
    end
  end
  return out
end

local function finish(total, counts, partial, ids)
  redis.call('DEL', base, scratch, rest)
  -- the scope's index is scored by created at; every case listed is in it. '%.0f': exact below 2^53
  local created = scores(KEYS[6], ids)
  local due = byDeadline and scores(deadlines, ids) or {}
  local items = {}
  for i, id in ipairs(ids) do
    items[i] = '{"id":' .. cjson.encode(id) .. ',"created":' .. string.format('%.0f', created[i] or 0)
        .. (due[i] and (',"due":' .. string.format('%.0f', due[i])) or '') .. '}'
  end
  local parts = {}
  for _, s in ipairs(statuses) do
    parts[#parts + 1] = '"' .. s.name .. '":' .. (counts[s.name] or 0)
  end
  return '{"total":' .. total .. ',"partial":' .. tostring(partial) .. ',"counts":{' .. table.concat(parts, ',')
      .. '},"items":[' .. table.concat(items, ',') .. ']}'
end

-- soonest deadline first (none last), newest first among equals
local function byDue(a, b)
  if a.due ~= b.due then
    if not a.due then return false end
    if not b.due then return true end
    return a.due < b.due
  end
  if a.created ~= b.created then return a.created > b.created end
  return a.id > b.id
end

-- a tracking number given whole finds its case directly, if the filters let it through
if text ~= '' and redis.call('HEXISTS', cases, text) == 1 then
  local created = nil
  for i = 6, 5 + f do
    local score = redis.call('ZSCORE', KEYS[i], text)
    if not score then
      created = nil
      break
    end
    created = tonumber(score)
  end
  local fromMs = from == '-inf' and -math.huge or tonumber(from)
  local toMs = to == '+inf' and math.huge or tonumber(string.sub(to, 2))
  if not created or created < fromMs or created >= toMs then
    return finish(0, {}, false, {})
  end
  local status = cjson.decode(redis.call('HGET', cases, text)).status
  local selected = wanted == 0 or statuses[wanted].name == status
  return finish(selected and 1 or 0, {[status] = 1}, false, (selected and offset == 0) and {text} or {})
end

-- the candidates: every case of the scope in the date range that is in each facet, in KEYS[3] (or the
-- scope's own index when nothing narrows it)
local candidates = base
if f == 1 and not ranged then
  candidates = KEYS[6]
elseif not ranged then
  local keys = {unpack(KEYS, 6, 5 + f)}
  keys[#keys + 1] = 'AGGREGATE'
  keys[#keys + 1] = 'MIN'
  redis.call('ZINTERSTORE', base, f, unpack(keys))
else
  local smallest, fewest = 6, math.huge
  for i = 6, 5 + f do
    local n = redis.call('ZCOUNT', KEYS[i], from, to)
    if n < fewest then
      smallest, fewest = i, n
    end
  end
  redis.call('ZRANGESTORE', base, KEYS[smallest], from, to, 'BYSCORE')
  if f > 1 and fewest > 0 then
    local others = {}
    for i = 6, 5 + f do
      if i ~= smallest then
        others[#others + 1] = KEYS[i]
      end
    end
    others[#others + 1] = 'AGGREGATE'
    others[#others + 1] = 'MIN'
    redis.call('ZINTERSTORE', base, f, base, unpack(others))
  end
end

if text ~= '' then
  -- no index finds a piece of Chinese text: the candidates are read newest first, up to the bound; the
  -- raw JSON is searched first (cheap) and only a hit is decoded to check the three fields. A text with
  -- a quote, backslash or control character is escaped in JSON, so then every case is decoded.
  local raw = not string.find(text, '["\\%c]')
  local total_candidates = redis.call('ZCARD', candidates)
  local scanned, matches, counts = 0, {}, {}
  local function has(value)
    return type(value) == 'string' and string.find(value, text, 1, true) ~= nil
  end
  while scanned < total_candidates and scanned < bound do
    local last = math.min(scanned + 500, bound) - 1
    local slice = redis.call('ZREVRANGE', candidates, scanned, last, 'WITHSCORES')
    if #slice == 0 then break end
    local ids = {}
    for i = 1, #slice, 2 do ids[#ids + 1] = slice[i] end
    local stored = redis.call('HMGET', cases, unpack(ids))
    for i, json in ipairs(stored) do
      if json and (not raw or string.find(json, text, 1, true)) then
        local case = cjson.decode(json)
        if has(case.trackingNo) or has(case.description) or has(case.address) then
          counts[case.status] = (counts[case.status] or 0) + 1
          if wanted == 0 or statuses[wanted].name == case.status then
            matches[#matches + 1] = {id = ids[i], created = tonumber(slice[2 * i])}
          end
        end
      end
    end
    scanned = scanned + #ids
  end
  local partial = scanned < total_candidates
  if byDeadline then
    local ids = {}
    for i, m in ipairs(matches) do ids[i] = m.id end
    local due = scores(deadlines, ids)
    for i, m in ipairs(matches) do m.due = due[i] end
    table.sort(matches, byDue)
  end
  local page = {}
  for i = offset + 1, math.min(offset + size, #matches) do
    page[#page + 1] = matches[i].id
  end
  return finish(#matches, counts, partial, page)
end

-- counts per status (the same filters but the status), and the status filter's set. The status indexes
-- are the scope's own (subsets of KEYS[6]), so with no facet but the scope they answer alone: ZCARD or
-- ZCOUNT, O(1) or O(log n), instead of intersecting the whole scope once per status.
local counts, selected, total = {}, candidates, 0
for i, s in ipairs(statuses) do
  if f == 1 and not ranged then
    counts[s.name] = redis.call('ZCARD', s.key)
    if i == wanted then
      selected = s.key
    end
  elseif f == 1 then
    counts[s.name] = redis.call('ZCOUNT', s.key, from, to)
    if i == wanted then
      redis.call('ZRANGESTORE', scratch, s.key, from, to, 'BYSCORE')
      selected = scratch
    end
  else
    local target = i == wanted and scratch or rest
    counts[s.name] = redis.call('ZINTERSTORE', target, 2, candidates, s.key, 'AGGREGATE', 'MIN')
    if i == wanted then
      selected = scratch
    end
  end
end
if wanted == 0 then
  total = redis.call('ZCARD', candidates)
else
  total = counts[statuses[wanted].name]
end

local ids = {}
if not byDeadline then
  ids = redis.call('ZREVRANGE', selected, offset, offset + size - 1)
  return finish(total, counts, false, ids)
end

-- deadline order: the selected cases whose clock runs, scored by due at, in KEYS[5]; then the others,
-- newest first. Equal due times are ordered newest first in Lua over the block of ties the page touches.
local timed = redis.call('ZINTERSTORE', rest, 2, selected, deadlines, 'WEIGHTS', 0, 1)
if offset < timed then
  local page = redis.call('ZRANGE', rest, offset, offset + size - 1, 'WITHSCORES')
  local lo, hi = page[2], page[#page]
  local block = redis.call('ZRANGEBYSCORE', rest, lo, hi, 'WITHSCORES')
  local before = redis.call('ZCOUNT', rest, '-inf', '(' .. lo)
  local entries, members = {}, {}
  for i = 1, #block, 2 do
    members[#members + 1] = block[i]
    entries[#entries + 1] = {id = block[i], due = tonumber(block[i + 1])}
  end
  local created = scores(selected, members)
  for i, e in ipairs(entries) do e.created = created[i] or 0 end
  table.sort(entries, byDue)
  for i = offset - before + 1, math.min(offset - before + size, #entries) do
    ids[#ids + 1] = entries[i].id
  end
end
if offset + size > timed then
  -- the page reaches past the timed cases: the untimed ones follow, newest first
  redis.call('ZDIFFSTORE', rest, 2, selected, deadlines)
  local skip = math.max(0, offset - timed)
  for _, id in ipairs(redis.call('ZREVRANGE', rest, skip, skip + (size - #ids) - 1)) do
    ids[#ids + 1] = id
  end
end
return finish(total, counts, false, ids)
