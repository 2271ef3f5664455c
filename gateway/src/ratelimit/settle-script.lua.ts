/**
 * Settlement in one script: give back (or charge) reserved − actual tokens and free the
 * concurrency slot, once per reservation. Bump the version with any change of rules or layout
 * (see reserve-script.lua.ts).
 */
export const SETTLE_SCRIPT_NAME = 'llm_gateway_ratelimit_settle_v1';

export const SETTLE_SCRIPT = `-- ${SETTLE_SCRIPT_NAME}
-- KEYS: [1] reservation marker, then per bucket: state hash, concurrency zset
-- ARGV: [1] now ms ('' = Redis server TIME), [2] idle ttl ms, [3] reservation id,
--       [4] requests delta (always 0), [5] tokens delta, [6] input delta, [7] output delta
--       (reserved - actual, may be negative), then per bucket 5 limits as in reserve
-- Reply: settled, now, then per bucket: 4 levels and slots in use (when settled)
local U = 60000
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local idle = tonumber(ARGV[2])
local id = ARGV[3]
local deltas = { tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]) }
local fields = { 'r', 't', 'i', 'o' }
local nb = (#KEYS - 1) / 2

-- Gone marker: settled already, lease expired, or never reserved. Only free the slot then
-- (harmless if it is gone too), so a settle after a timed-out reserve never over-credits.
local expiry = tonumber(redis.call('GET', KEYS[1]))
redis.call('DEL', KEYS[1])
local live = 0
if expiry and expiry > now then live = 1 end
for b = 1, nb do
  if tonumber(ARGV[7 + (b - 1) * 5 + 5]) > 0 then redis.call('ZREM', KEYS[2 * b + 1], id) end
end
if live == 0 then return { 0, now } end

local reply = { 1, now }
for b = 1, nb do
  local hk, ck = KEYS[2 * b], KEYS[2 * b + 1]
  local base = 7 + (b - 1) * 5
  local st = redis.call('HMGET', hk, 'ts', 'r', 't', 'i', 'o')
  local ts = tonumber(st[1]) or now
  local elapsed = math.max(0, now - ts)
  local hset = { 'ts', math.max(ts, now) }
  local fullIn = 0
  for d = 1, 4 do
    local limit = tonumber(ARGV[base + d])
    local level = 0
    if limit > 0 then
      local cap = limit * U
      level = math.min(cap, (tonumber(st[d + 1]) or cap) + elapsed * limit)
      -- Tokens given back cannot fill a bucket past its capacity; an under-estimate may
      -- push it below zero, and later requests wait until it refills.
      level = math.min(cap, level + deltas[d] * U)
      hset[#hset + 1] = fields[d]
      hset[#hset + 1] = level
      fullIn = math.max(fullIn, math.ceil((cap - level) / limit))
    end
    reply[#reply + 1] = level
  end
  redis.call('DEL', hk)
  if #hset > 2 then
    redis.call('HSET', hk, unpack(hset))
    redis.call('PEXPIRE', hk, fullIn + idle)
  end
  local inuse = 0
  if tonumber(ARGV[base + 5]) > 0 then
    redis.call('ZREMRANGEBYSCORE', ck, '-inf', now)
    inuse = redis.call('ZCARD', ck)
  end
  reply[#reply + 1] = inuse
end
return reply
`;
