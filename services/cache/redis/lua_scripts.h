// The Lua scripts that make each cache operation atomic inside Redis, with
// the SHA1 digests EVALSHA needs (computed here, so no round trip is spent
// learning them and a reload can be checked against them).
//
// Every script takes KEYS[1] = the global epoch key and KEYS[2] = the firm's
// generation key. A generation is "<epoch>.<token>": it is current only while
// it is stored in the firm's key and starts with the current epoch, so
// replacing the epoch retires every firm's generation in one command.
#pragma once

#include <string>

namespace refnet::cache {

struct LuaScript {
  std::string body;
  std::string sha1;  // lower-case hex, as SCRIPT LOAD returns it
};

struct LuaScripts {
  // ARGV: token, value-key prefix, key. Returns {generation, entry or nil},
  // creating the epoch and the generation from `token` when missing.
  LuaScript get;
  // ARGV: token, value-key prefix, ttl in ms, then key, version pairs.
  // Returns the generation; keeps any entry with a version >= the new one.
  LuaScript tombstone;
  // ARGV: generation, value-key prefix, key, version, value, ttl in ms.
  // Returns 1 when stored, 0 when refused.
  LuaScript fill;
  // ARGV: token. Returns the new generation.
  LuaScript rotate;
};

const LuaScripts& Scripts();

}  // namespace refnet::cache
