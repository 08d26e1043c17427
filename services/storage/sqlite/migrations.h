// The schema as numbered migrations (migrations/V###__name.sql), applied in
// order at start-up; the applied versions are kept in schema_migrations.
#pragma once

#include <vector>

namespace refnet::storage::sqlite {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();

}  // namespace refnet::storage::sqlite
