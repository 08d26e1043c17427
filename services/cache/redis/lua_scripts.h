// The Lua scripts that make each cache operation atomic inside Redis, with
// the SHA1 digests EVALSHA needs (computed here, so no round trip is spent
// learning them and a reload can be checked against them).
//
// Every script takes KEYS[1] = the global epoch key and KEYS[2] = the firm's
// generation key. A generation is "<epoch>.<token>": it is current only while
// it is stored in the firm's key and starts with the current epoch, so
// replacing the epoch retires every firm's generation in one command.
// Scripts that touch entries take the firm's key prefix "refnet:{<firm>}:";
// entries live at "<prefix>g:<generation>:<key>".
//
// Besides the tombstone inside the generation, a tombstone raises the key's
// version floor at "<prefix>f:<key>", outside any generation, and no fill
// below the floor lands. The floor survives a generation change, so a write
// in flight while the generation changes still blocks readers that read the
// store before its commit; only losing Redis data (FLUSHALL, a restart,
// eviction) drops floors, and then the tombstone after the commit restores
// them.
#pragma once

#include <string>

namespace refnet::cache {

struct LuaScript {
  std::string body;
  std::string sha1;  // lower-case hex, as SCRIPT LOAD returns it
};

struct LuaScripts {
  // ARGV: token, firm prefix, key. Returns {generation, entry or nil},
  // creating the epoch and the generation from `token` when missing.
  LuaScript get;
  // ARGV: token, firm prefix, ttl in ms, then key, version pairs. Raises
  // each floor and writes each tombstone, keeping any floor or entry with a
  // version >= the new one. Returns the generation.
  LuaScript tombstone;
  // ARGV: generation, firm prefix, key, version, value, ttl in ms.
  // Returns 1 when stored, 0 when refused.
  LuaScript fill;
  // ARGV: token. Returns the new generation.
  LuaScript rotate;
};

const LuaScripts& Scripts();

}  // namespace refnet::cache
