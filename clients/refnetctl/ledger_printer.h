// Readable renderings of ledger responses whose shape the generic printers
// cannot show well: who owes whom, the favours behind a balance, rankings.
#pragma once

#include <ostream>
#include <string>

#include "refnet/v1/ledger_service.pb.h"

namespace refnet::ctl {

// "contacts/ann owes members/alice 5 points", from the balance's own side.
std::string BalanceSummary(const v1::Balance& balance);

// The balance's fields, then `summary: ` and who owes whom.
void PrintBalanceText(const v1::Balance& balance, std::ostream& out);

// A table of favours: id, parties, kind, points, time, and void status.
void PrintFavourListText(const v1::ListFavoursResponse& response, std::ostream& out);

// The balance, then its favours with each one's effect on the net.
void PrintExplanationText(const v1::ExplainBalanceResponse& response, std::ostream& out);

// The firm's debtors and creditors as two tables.
void PrintTopBalancesText(const v1::ListTopBalancesResponse& response, std::ostream& out);

// The party's totals, then a table of its relationships' health.
void PrintStandingText(const v1::Standing& standing, std::ostream& out);

}  // namespace refnet::ctl
