-- wrk script: POST /api/v1/complaints as many residents in turn (tokens from tokens.txt, one a line).
local tokens = {}
for line in io.lines(os.getenv("TOKENS") or "bench/out/tokens.txt") do
  tokens[#tokens + 1] = line
end
-- POINTS ("lat,lng;lat,lng;…", optional): the places reported in turn, e.g. one station of each district
local points = {}
for lat, lng in string.gmatch(os.getenv("POINTS") or "35.2410,113.1690", "([%d.]+),([%d.]+)") do
  points[#points + 1] = string.format('{"lat":%s,"lng":%s}', lat, lng)
end
local n = 0

request = function()
  n = n + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] }
  local body = '{"category":"street-vending","description":"压测:人民路口有人占道经营","location":'
    .. points[(n % #points) + 1] .. ',"address":"人民路口"}'
  return wrk.format("POST", "/api/v1/complaints", headers, body)
end

-- count answers that are not 201, so a run that only collected errors cannot pass for fast
local errors = 0
response = function(status, headers, body)
  if status ~= 201 then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("non-201 answers: %d\n", errors))
end
