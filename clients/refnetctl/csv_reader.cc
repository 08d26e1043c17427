// One pass over the text with a line counter for error messages.
#include "clients/refnetctl/csv_reader.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/refnetctl/exit_status.h"

namespace refnet::ctl {
namespace {

constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";

class CsvParser {
 public:
  explicit CsvParser(absl::string_view text) : text_(text) {
    if (absl::StartsWith(text_, kByteOrderMark)) text_.remove_prefix(kByteOrderMark.size());
  }

  absl::StatusOr<std::vector<std::vector<std::string>>> Parse() {
    while (i_ < text_.size()) {
      char c = text_[i_];
      if (c == '"' && !field_begun_) {
        absl::Status quoted = ReadQuoted();
        if (!quoted.ok()) return quoted;
      } else if (c == ',') {
        EndField();
        ++i_;
      } else if (c == '\n' || c == '\r') {
        i_ += (c == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') ? 2 : 1;
        EndRecord();
        ++line_;
      } else if (c == '"') {
        return Error(line_,
                     "a quote inside an unquoted field; quote the whole field and double "
                     "the quotes inside it");
      } else {
        field_ += c;
        field_begun_ = true;
        ++i_;
      }
    }
    EndRecord();
    return std::move(records_);
  }

 private:
  static absl::Status Error(int line, absl::string_view problem) {
    return UsageError(absl::StrCat("CSV line ", line, ": ", problem));
  }

  // Reads `"…"` from the opening quote through the closing one.
  absl::Status ReadQuoted() {
    int start_line = line_;
    field_begun_ = true;
    ++i_;
    while (true) {
      if (i_ >= text_.size()) return Error(start_line, "a quoted field is never closed");
      char c = text_[i_];
      if (c == '"') {
        if (i_ + 1 < text_.size() && text_[i_ + 1] == '"') {
          field_ += '"';
          i_ += 2;
          continue;
        }
        ++i_;
        break;
      }
      if (c == '\n') ++line_;
      field_ += c;
      ++i_;
    }
    if (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '\n' && text_[i_] != '\r') {
      return Error(line_, "text after a closing quote");
    }
    return absl::OkStatus();
  }

  void EndField() {
    record_.push_back(std::move(field_));
    field_.clear();
    field_begun_ = false;
    record_begun_ = true;
  }

  // Ends the record at a line break; a blank line makes none.
  void EndRecord() {
    if (!record_begun_ && !field_begun_) return;
    EndField();
    records_.push_back(std::move(record_));
    record_.clear();
    record_begun_ = false;
  }

  absl::string_view text_;
  size_t i_ = 0;
  int line_ = 1;
  std::string field_;
  bool field_begun_ = false;
  std::vector<std::string> record_;
  bool record_begun_ = false;
  std::vector<std::vector<std::string>> records_;
};

}  // namespace

absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(absl::string_view text) {
  return CsvParser(text).Parse();
}

}  // namespace refnet::ctl
