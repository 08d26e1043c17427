// Parsing of token key files; see key_set.h for the two formats.
#include "services/auth/key_set.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace refnet::auth {
namespace {

constexpr std::streamsize kFileBytesMax = 64 * 1024;

bool IsKeyIdChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

bool IsKeyId(absl::string_view id) {
  if (id.empty() || id.size() > KeySet::kKeyIdLengthMax) return false;
  for (char c : id) {
    if (!IsKeyIdChar(c)) return false;
  }
  return true;
}

// Splits `KEY_ID=SECRET`; false when the line is not of that shape (a bare
// secret may itself contain '=', as base64 padding does).
bool SplitKeyLine(absl::string_view line, SigningKey* key) {
  size_t eq = line.find('=');
  if (eq == absl::string_view::npos) return false;
  absl::string_view id = line.substr(0, eq);
  absl::string_view secret = line.substr(eq + 1);
  if (!IsKeyId(id) || secret.size() < KeySet::kSecretLengthMin) return false;
  key->id = std::string(id);
  key->secret = std::string(secret);
  return true;
}

}  // namespace

absl::StatusOr<KeySet> KeySet::Single(std::string secret) {
  if (secret.size() < kSecretLengthMin) {
    return absl::InvalidArgumentError(
        absl::StrCat("token secret is shorter than ", kSecretLengthMin, " bytes"));
  }
  return KeySet({SigningKey{"", std::move(secret)}});
}

absl::StatusOr<KeySet> KeySet::Parse(absl::string_view text, absl::string_view source) {
  std::vector<absl::string_view> lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    lines.push_back(line);
  }
  if (lines.empty()) return absl::InvalidArgumentError(absl::StrCat(source, " holds no key"));
  SigningKey first;
  if (lines.size() == 1 && !SplitKeyLine(lines[0], &first)) {
    absl::StatusOr<KeySet> single = Single(std::string(lines[0]));
    if (!single.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(source, ": ", single.status().message()));
    }
    return single;
  }
  if (lines.size() > kKeysMax) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, " holds ", lines.size(), " keys; at most ", kKeysMax));
  }
  std::vector<SigningKey> keys;
  for (size_t i = 0; i < lines.size(); ++i) {
    SigningKey key;
    if (!SplitKeyLine(lines[i], &key)) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ": key ", i + 1, " is not KEY_ID=SECRET (an id of 1-", kKeyIdLengthMax,
          " letters, digits, '.', '_' or '-', and a secret of at least ", kSecretLengthMin,
          " bytes)"));
    }
    for (const SigningKey& seen : keys) {
      if (seen.id == key.id) {
        return absl::InvalidArgumentError(
            absl::StrCat(source, ": key id \"", key.id, "\" appears twice"));
      }
    }
    keys.push_back(std::move(key));
  }
  return KeySet(std::move(keys));
}

const SigningKey* KeySet::Find(absl::string_view id) const {
  for (const SigningKey& key : keys_) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

absl::StatusOr<KeySet> ReadKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read token key file ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (buffer.tellp() > kFileBytesMax) {
    return absl::InvalidArgumentError(absl::StrCat("token key file ", path, " is over 64 KiB"));
  }
  return KeySet::Parse(buffer.str(), absl::StrCat("token key file ", path));
}

}  // namespace refnet::auth
