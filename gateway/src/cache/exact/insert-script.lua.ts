/**
 * Stores one entry and holds its tenant to the entry bound, atomically, in one round trip.
 *
 * KEYS[1] the entry, KEYS[2] the tenant's index (a sorted set of entry keys, scored by insert
 * time in microseconds of the Redis clock, so every gateway process orders inserts alike).
 * ARGV[1] the value, ARGV[2] TTL in ms, ARGV[3] the most entries the tenant may hold.
 * Returns how many entries were evicted.
 *
 * Evicted entries are deleted by name from inside the script, which Redis Cluster forbids
 * (keys not in KEYS may live on another shard): standalone and Sentinel only.
 * Needs Redis >= 5 (effects replication, so TIME before a write is allowed).
 */
export const INSERT_SCRIPT = `
local ttl = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('ZADD', KEYS[2], now, KEYS[1])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
local evicted = 0
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  for _, key in ipairs(oldest) do
    evicted = evicted + redis.call('DEL', key)
  end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
-- The index lives as long as its longest-lived entry, so an idle tenant leaves nothing behind.
if redis.call('PTTL', KEYS[2]) < ttl then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return evicted
`;
