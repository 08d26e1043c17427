// Script bodies. Versions arrive as fixed-width digit strings and are
// compared as strings (see wire_format.h).
#include "services/cache/redis/lua_scripts.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace refnet::cache {
namespace {

// The firm's current generation, or false. With a token, a missing epoch or
// a generation from an older epoch is replaced: after FLUSHALL, eviction or
// an epoch change the firm starts over in a generation no one has seen.
constexpr absl::string_view kPrologue = R"lua(
local function generation(token)
  local epoch = redis.call('GET', KEYS[1])
  if not epoch then
    if not token then return false end
    epoch = token
    redis.call('SET', KEYS[1], epoch)
  end
  local gen = redis.call('GET', KEYS[2])
  if gen and string.sub(gen, 1, #epoch + 1) == epoch .. '.' then return gen end
  if not token then return false end
  gen = epoch .. '.' .. token
  redis.call('SET', KEYS[2], gen)
  return gen
end
)lua";

constexpr absl::string_view kGet = R"lua(
local gen = generation(ARGV[1])
return {gen, redis.call('GET', ARGV[2] .. 'g:' .. gen .. ':' .. ARGV[3])}
)lua";

constexpr absl::string_view kTombstone = R"lua(
local gen = generation(ARGV[1])
for i = 4, #ARGV, 2 do
  local version = ARGV[i + 1]
  local floor_key = ARGV[2] .. 'f:' .. ARGV[i]
  local floor = redis.call('GET', floor_key)
  if not floor or floor < version then
    redis.call('SET', floor_key, version, 'PX', ARGV[3])
  end
  local key = ARGV[2] .. 'g:' .. gen .. ':' .. ARGV[i]
  local current = redis.call('GET', key)
  if not current or string.sub(current, 3, 22) < version then
    redis.call('SET', key, 't:' .. version, 'PX', ARGV[3])
  end
end
return gen
)lua";

// A value at the tombstone's own version may land: it is the committed
// value the tombstone announced.
constexpr absl::string_view kFill = R"lua(
if generation(false) ~= ARGV[1] then return 0 end
local floor = redis.call('GET', ARGV[2] .. 'f:' .. ARGV[3])
if floor and floor > ARGV[4] then return 0 end
local key = ARGV[2] .. 'g:' .. ARGV[1] .. ':' .. ARGV[3]
local current = redis.call('GET', key)
if current then
  local version = string.sub(current, 3, 22)
  if version > ARGV[4] or (version == ARGV[4] and string.sub(current, 1, 1) == 'v') then
    return 0
  end
end
redis.call('SET', key, 'v:' .. ARGV[4] .. ':' .. ARGV[5], 'PX', ARGV[6])
return 1
)lua";

constexpr absl::string_view kRotate = R"lua(
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
end
local gen = epoch .. '.' .. ARGV[1]
redis.call('SET', KEYS[2], gen)
return gen
)lua";

LuaScript Make(absl::string_view body_without_prologue) {
  LuaScript script;
  script.body = absl::StrCat(kPrologue, body_without_prologue);
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(script.body.data()), script.body.size(), digest);
  script.sha1 = absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
  return script;
}

}  // namespace

const LuaScripts& Scripts() {
  static const LuaScripts* const scripts =
      new LuaScripts{Make(kGet), Make(kTombstone), Make(kFill), Make(kRotate)};
  return *scripts;
}

}  // namespace refnet::cache
