-- wrk script: staff logins with random usernames, each of which costs the backend one BCrypt check;
-- prints how many answers of each status came back.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  math.randomseed(os.time())
end

request = function()
  local body = string.format('{"username":"nobody-%d","password":"wrong-password-%d"}', math.random(1, 1e9), math.random(1, 1e9))
  return wrk.format(nil, "/api/v1/admin/auth/login", nil, body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      io.write(string.format("status %d: %d\n", status, n))
    end
  end
end
