-- POST /api/auth/signup with a fresh email per request (thread id + counter + run tag).
local counter = 0
local thread_id = 0
local tag = os.getenv("BENCH_TAG") or tostring(os.time())

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  thread_id = id
end

function request()
  counter = counter + 1
  local body = string.format('{"email":"u%s-%d-%d@bench.example.com","password":"bench password"}', tag, thread_id, counter)
  return wrk.format("POST", "/api/auth/signup", {["Content-Type"] = "application/json"}, body)
end
