// A small hand-written parser: absl::flags is process-global and cannot give
// each subcommand its own set of flags.
#include "clients/refnetctl/flag_parser.h"

#include <cmath>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/refnetctl/exit_status.h"

namespace refnet::ctl {
namespace {

const FlagSpec* FindSpec(absl::Span<const FlagSpec> specs, absl::string_view name) {
  for (const FlagSpec& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

// Splits `--name=value` into its parts; `value` is empty without `=`.
void SplitFlag(absl::string_view token, absl::string_view* name,
               std::optional<absl::string_view>* value) {
  absl::string_view body = token.substr(2);
  size_t eq = body.find('=');
  if (eq == absl::string_view::npos) {
    *name = body;
    value->reset();
    return;
  }
  *name = body.substr(0, eq);
  *value = body.substr(eq + 1);
}

bool LooksLikeFlag(absl::string_view token) {
  return token.size() > 1 && token[0] == '-' && token != "-";
}

bool ParseNumber(absl::string_view text, int32_t* out) { return absl::SimpleAtoi(text, out); }
bool ParseNumber(absl::string_view text, int64_t* out) { return absl::SimpleAtoi(text, out); }
bool ParseNumber(absl::string_view text, double* out) {
  return absl::SimpleAtod(text, out) && std::isfinite(*out);
}

// Reads a numeric flag into `*out` when it was given; a usage error naming
// `kind` when its text is not such a number.
template <typename Number>
absl::Status ReadNumber(const ParsedArgs& args, absl::string_view name, absl::string_view kind,
                        Number* out) {
  std::optional<std::string> text = args.Value(name);
  if (!text.has_value()) return absl::OkStatus();
  Number value{};
  if (!ParseNumber(*text, &value)) {
    return UsageError(absl::StrCat("--", name, " wants ", kind, ", not \"", *text, "\""));
  }
  *out = value;
  return absl::OkStatus();
}

}  // namespace

bool ParsedArgs::Has(absl::string_view name) const { return flags_.find(name) != flags_.end(); }

std::optional<std::string> ParsedArgs::Value(absl::string_view name) const {
  auto it = flags_.find(name);
  if (it == flags_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::Values(absl::string_view name) const {
  auto it = flags_.find(name);
  return it == flags_.end() ? std::vector<std::string>() : it->second;
}

bool ParsedArgs::Bool(absl::string_view name) const { return Value(name) == "true"; }

absl::Status ParsedArgs::Int32(absl::string_view name, int32_t* out) const {
  return ReadNumber(*this, name, "a whole number", out);
}

absl::Status ParsedArgs::Int64(absl::string_view name, int64_t* out) const {
  return ReadNumber(*this, name, "a whole number", out);
}

absl::Status ParsedArgs::Double(absl::string_view name, double* out) const {
  return ReadNumber(*this, name, "a number", out);
}

void ParsedArgs::Add(absl::string_view name, std::string value) {
  flags_[std::string(name)].push_back(std::move(value));
}

void ParsedArgs::Merge(const ParsedArgs& other) {
  positional.insert(positional.end(), other.positional.begin(), other.positional.end());
  for (const auto& [name, values] : other.flags_) {
    std::vector<std::string>& mine = flags_[name];
    mine.insert(mine.end(), values.begin(), values.end());
  }
}

absl::StatusOr<ParseResult> ParseFlags(absl::Span<const std::string> tokens,
                                       absl::Span<const FlagSpec> specs, size_t positional_limit) {
  ParseResult result;
  size_t i = 0;
  bool flags_ended = false;
  while (i < tokens.size() && result.args.positional.size() < positional_limit) {
    const std::string& token = tokens[i++];
    if (flags_ended || !LooksLikeFlag(token)) {
      result.args.positional.push_back(token);
      continue;
    }
    if (token == "--") {
      flags_ended = true;
      continue;
    }
    if (token == "-h") {
      result.args.Add("help", "true");
      continue;
    }
    if (!absl::StartsWith(token, "--")) return UsageError(absl::StrCat("unknown flag ", token));
    absl::string_view name;
    std::optional<absl::string_view> value;
    SplitFlag(token, &name, &value);
    const FlagSpec* spec = FindSpec(specs, name);
    if (spec == nullptr) return UsageError(absl::StrCat("unknown flag --", name));
    if (spec->kind == FlagKind::kBool) {
      bool on = true;
      if (value.has_value() && !absl::SimpleAtob(*value, &on)) {
        return UsageError(absl::StrCat("--", name, " is true or false, not \"", *value, "\""));
      }
      result.args.Add(name, on ? "true" : "false");
      continue;
    }
    if (!value.has_value()) {
      if (i >= tokens.size()) return UsageError(absl::StrCat("--", name, " needs a value"));
      value = tokens[i++];
    }
    result.args.Add(name, std::string(*value));
  }
  result.next = i;
  return result;
}

}  // namespace refnet::ctl
