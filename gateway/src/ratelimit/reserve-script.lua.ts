/**
 * The whole admission decision in one script, so it is atomic on the Redis server: no other
 * client can charge a bucket between our check and our charge (the race that lets other
 * gateways overshoot). Bump the version in the name whenever the layout or the rules change,
 * so processes of two releases never run different rules on the same keys unnoticed.
 *
 * Mirrors memory-rate-limiter.ts and bucket-math.ts line for line; the conformance suite
 * checks that both give the same numbers.
 */
export const RESERVE_SCRIPT_NAME = 'llm_gateway_ratelimit_reserve_v1';

export const RESERVE_SCRIPT = `-- ${RESERVE_SCRIPT_NAME}
-- KEYS: [1] reservation marker, then per bucket: state hash, concurrency zset
-- ARGV: [1] now ms ('' = Redis server TIME), [2] lease ms, [3] idle ttl ms, [4] reservation id,
--       [5] input tokens, [6] output tokens, then per bucket 5 limits (0 = none):
--       requests, tokens, input tokens, output tokens per minute, concurrent
-- Reply: ok, retry ms, limiting bucket (1-based), limiting dimension (1-4 rate, 5 concurrent),
--        too large, now, then per bucket: 4 levels (units of 1/60000 token) and slots in use
local U = 60000
local CONCURRENCY_RETRY_MS = 250
local now = tonumber(ARGV[1])
if not now then
  -- Server time, so every gateway process agrees on the clock.
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local lease = tonumber(ARGV[2])
local idle = tonumber(ARGV[3])
local id = ARGV[4]
local tin = tonumber(ARGV[5])
local tout = tonumber(ARGV[6])
local fields = { 'r', 't', 'i', 'o' }
local amounts = { 1, tin + tout, tin, tout }
local nb = (#KEYS - 1) / 2

local levels, stamps, inuse, limits = {}, {}, {}, {}
local worstWait, worstBucket, worstDim, worstBig = -1, 0, 0, 0
local function shortfall(b, d, wait, big)
  if worstBucket == 0 or (big > worstBig) or (big == worstBig and wait > worstWait) then
    worstWait, worstBucket, worstDim, worstBig = wait, b, d, big
  end
end

for b = 1, nb do
  local hk, ck = KEYS[2 * b], KEYS[2 * b + 1]
  local base = 6 + (b - 1) * 5
  local lim = {}
  for d = 1, 5 do lim[d] = tonumber(ARGV[base + d]) end
  limits[b] = lim
  local st = redis.call('HMGET', hk, 'ts', 'r', 't', 'i', 'o')
  local ts = tonumber(st[1]) or now
  local elapsed = math.max(0, now - ts)
  stamps[b] = math.max(ts, now)
  local lv = { 0, 0, 0, 0 }
  for d = 1, 4 do
    local limit = lim[d]
    if limit > 0 then
      local cap = limit * U
      local level = math.min(cap, (tonumber(st[d + 1]) or cap) + elapsed * limit)
      lv[d] = level
      local need = amounts[d] * U
      if level < need then
        if amounts[d] > limit then
          shortfall(b, d, math.ceil((cap - level) / limit), 1)
        else
          shortfall(b, d, math.ceil((need - level) / limit), 0)
        end
      end
    end
  end
  levels[b] = lv
  inuse[b] = 0
  if lim[5] > 0 then
    redis.call('ZREMRANGEBYSCORE', ck, '-inf', now)
    inuse[b] = redis.call('ZCARD', ck)
    if inuse[b] >= lim[5] then shortfall(b, 5, CONCURRENCY_RETRY_MS, 0) end
  end
end

local ok = 1
if worstBucket > 0 then ok = 0 end
if ok == 1 then
  for b = 1, nb do
    local hk, ck = KEYS[2 * b], KEYS[2 * b + 1]
    local lim, lv = limits[b], levels[b]
    local hset = { 'ts', stamps[b] }
    local fullIn = 0
    for d = 1, 4 do
      if lim[d] > 0 then
        lv[d] = lv[d] - amounts[d] * U
        hset[#hset + 1] = fields[d]
        hset[#hset + 1] = lv[d]
        fullIn = math.max(fullIn, math.ceil((lim[d] * U - lv[d]) / lim[d]))
      end
    end
    -- DEL first: a dimension that lost its limit must not keep a stale level.
    redis.call('DEL', hk)
    if #hset > 2 then
      redis.call('HSET', hk, unpack(hset))
      -- A missing bucket reads as full, so it may vanish once full (plus a margin).
      redis.call('PEXPIRE', hk, fullIn + idle)
    end
    if lim[5] > 0 then
      redis.call('ZADD', ck, now + lease, id)
      redis.call('PEXPIRE', ck, lease)
      inuse[b] = inuse[b] + 1
    end
  end
  -- Settle applies only while this marker lives: it makes settle idempotent and lets a
  -- caller that timed out settle safely whether or not the reservation landed.
  -- Its value is the lease expiry, so settle judges expiry by the same clock as the slots.
  redis.call('SET', KEYS[1], now + lease, 'PX', lease)
end

local reply = { ok, math.max(0, worstWait), worstBucket, worstDim, worstBig, now }
for b = 1, nb do
  for d = 1, 4 do reply[#reply + 1] = levels[b][d] end
  reply[#reply + 1] = inuse[b]
end
return reply
`;
