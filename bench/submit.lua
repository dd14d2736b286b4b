-- wrk script: POST /api/v1/complaints as many residents in turn (tokens from tokens.txt, one a line).
local tokens = {}
for line in io.lines(os.getenv("TOKENS") or "bench/out/tokens.txt") do
  tokens[#tokens + 1] = line
end
local n = 0
local body = '{"category":"street-vending","description":"压测:人民路口有人占道经营","location":{"lat":35.2410,"lng":113.1690},"address":"中站区人民路口"}'

request = function()
  n = n + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] }
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
