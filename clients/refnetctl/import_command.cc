// `refnetctl contacts import`: streams a CSV file to ImportContacts and prints
// what became of each row, then the totals.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/import_requests.h"
#include "clients/refnetctl/list_printer.h"
#include "clients/refnetctl/rpc.h"
#include "clients/refnetctl/short_names.h"
#include "refnet/v1/contact_service.grpc.pb.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

// Large enough for the most rows one import takes.
constexpr std::streamoff kCsvBytesMax = 64 << 20;

absl::StatusOr<std::string> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read --file ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (buffer.tellp() > kCsvBytesMax) {
    return UsageError(absl::StrCat("--file ", path, " is larger than 64 MiB; split it"));
  }
  return buffer.str();
}

void PrintReport(const v1::ImportContactsResponse& response, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {{"ROW", "OUTCOME", "CONTACT", "FIELD", "MESSAGE"}};
  for (const v1::ImportRowResult& row : response.rows()) {
    const auto* outcome =
        v1::ImportRowResult::Outcome_descriptor()->FindValueByNumber(row.outcome());
    rows.push_back({absl::StrCat(row.row()),
                    outcome == nullptr ? absl::StrCat(row.outcome()) : EnumShortName(*outcome),
                    row.contact().empty() ? "-" : std::string(LastSegment(row.contact())),
                    row.field().empty() ? "-" : row.field(), TableCell(row.message())});
  }
  PrintRows(rows, out);
  out << "created: " << response.created() << ", updated: " << response.updated()
      << ", duplicates: " << response.duplicates() << ", errors: " << response.errors() << "\n";
}

absl::Status RunImportContacts(CommandEnv& env) {
  std::optional<std::string> path = env.args.Value("file");
  if (!path.has_value()) return UsageError("contacts import needs --file FILE");
  REFNET_ASSIGN_OR_RETURN(std::string csv, ReadCsvFile(*path));
  REFNET_ASSIGN_OR_RETURN(std::vector<v1::ImportContactsRequest> requests,
                          BuildImportContacts(env.args, env.options, csv));
  v1::ContactService::Stub stub(env.channel);
  grpc::ClientContext context;
  PrepareContext(env.options, &context);
  v1::ImportContactsResponse response;
  std::unique_ptr<grpc::ClientWriter<v1::ImportContactsRequest>> writer =
      stub.ImportContacts(&context, &response);
  for (const v1::ImportContactsRequest& request : requests) {
    // A refused write means the server has answered; Finish says why.
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  REFNET_RETURN_IF_ERROR(FromGrpcStatus(writer->Finish()));
  if (env.options.json) {
    REFNET_RETURN_IF_ERROR(PrintResource(env, response));
  } else {
    PrintReport(response, env.out);
  }
  if (response.errors() > 0) {
    return CheckFailedError(absl::StrCat(response.errors(), " of ", response.rows_size(),
                                         " rows were refused; nothing was written for them"));
  }
  return absl::OkStatus();
}

}  // namespace

Command ImportContactsCommand() {
  return {.group = "contacts",
          .verb = "import",
          .summary = "create or update the contacts met at an event, from a CSV file",
          .notes =
              "The header row names the columns: display_name, organization, title, emails,\n"
              "phones, tags, offers, needs, notes, contact_id; list cells separate values\n"
              "with ';'. Rows matching a contact by email update it; every contact is\n"
              "tagged with the event and gets an event interaction. Exits 1 when a row\n"
              "was refused.",
          .flags = {{"file", FlagKind::kValue, "FILE", "the CSV file (required)"},
                    {"event", FlagKind::kValue, "NAME", "the event, also added as a tag"},
                    {"event-time", FlagKind::kValue, "TIME", "when the event was (default: now)"},
                    {"member", FlagKind::kValue, "MEMBER", "who met them (default: you)"}},
          .run = RunImportContacts};
}

}  // namespace refnet::ctl
