// Helpers shared by the SQLite repositories: nullable time columns and
// reading every row of a statement.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/status.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {

// A nullable time column; nullopt for NULL.
inline std::optional<absl::Time> OptionalTime(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return FromMicros(s.Int(column));
}

// What to bind for a nullable time.
inline std::optional<int64_t> OptionalMicros(const std::optional<absl::Time>& t) {
  if (!t) return std::nullopt;
  return ToMicros(*t);
}

// A JSON array of strings, as list columns are stored; other values are
// skipped and anything but an array reads as empty.
inline std::vector<std::string> StringsFromJson(const std::string& text) {
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> values;
  if (!parsed.is_array()) return values;
  for (const auto& v : parsed) {
    if (v.is_string()) values.push_back(v.get<std::string>());
  }
  return values;
}

// Steps through every row, converting each with `read`.
template <typename T, typename Reader>
absl::StatusOr<std::vector<T>> ReadAll(Statement& s, Reader read) {
  std::vector<T> rows;
  while (true) {
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return rows;
    rows.push_back(read(s));
  }
}

}  // namespace refnet::storage::sqlite
