// Name tables for scenarios and methods; one place so reports and flags agree.
#include "clients/loadgen/scenario.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace refnet::loadgen {

absl::StatusOr<Scenario> ParseScenario(absl::string_view name) {
  for (Scenario s :
       {Scenario::kHealth, Scenario::kGetBalance, Scenario::kRecordFavour, Scenario::kListContacts,
        Scenario::kCreateReferral, Scenario::kSuggestHelpers, Scenario::kFindIntroPaths,
        Scenario::kSuggestIntroductions, Scenario::kWeeklyReview, Scenario::kMix}) {
    if (ScenarioName(s) == name) return s;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--scenario: unknown scenario \"", name,
      "\"; expected health, get-balance, record-favour, list-contacts, create-referral, "
      "suggest-helpers, find-intro-paths, suggest-introductions, weekly-review or mix"));
}

absl::string_view ScenarioName(Scenario scenario) {
  switch (scenario) {
    case Scenario::kHealth:
      return "health";
    case Scenario::kGetBalance:
      return "get-balance";
    case Scenario::kRecordFavour:
      return "record-favour";
    case Scenario::kListContacts:
      return "list-contacts";
    case Scenario::kCreateReferral:
      return "create-referral";
    case Scenario::kSuggestHelpers:
      return "suggest-helpers";
    case Scenario::kFindIntroPaths:
      return "find-intro-paths";
    case Scenario::kSuggestIntroductions:
      return "suggest-introductions";
    case Scenario::kWeeklyReview:
      return "weekly-review";
    case Scenario::kMix:
      return "mix";
  }
  return "unknown";
}

Method ScenarioMethod(Scenario scenario) {
  switch (scenario) {
    case Scenario::kGetBalance:
      return Method::kGetBalance;
    case Scenario::kRecordFavour:
      return Method::kRecordFavour;
    case Scenario::kListContacts:
      return Method::kListContacts;
    case Scenario::kCreateReferral:
      return Method::kCreateReferral;
    case Scenario::kSuggestHelpers:
      return Method::kSuggestHelpers;
    case Scenario::kFindIntroPaths:
      return Method::kFindIntroPaths;
    case Scenario::kSuggestIntroductions:
      return Method::kSuggestIntroductions;
    case Scenario::kWeeklyReview:
      return Method::kGetWeeklyReview;
    case Scenario::kHealth:
    case Scenario::kMix:
      break;
  }
  return Method::kHealthCheck;
}

absl::string_view MethodName(Method method) {
  switch (method) {
    case Method::kHealthCheck:
      return "Check";
    case Method::kGetBalance:
      return "GetBalance";
    case Method::kRecordFavour:
      return "RecordFavour";
    case Method::kListContacts:
      return "ListContacts";
    case Method::kCreateReferral:
      return "CreateReferral";
    case Method::kSuggestHelpers:
      return "SuggestHelpers";
    case Method::kFindIntroPaths:
      return "FindIntroPaths";
    case Method::kSuggestIntroductions:
      return "SuggestIntroductions";
    case Method::kGetWeeklyReview:
      return "GetWeeklyReview";
  }
  return "Unknown";
}

absl::string_view MethodScenarioName(Method method) {
  switch (method) {
    case Method::kHealthCheck:
      return "health";
    case Method::kGetBalance:
      return "get-balance";
    case Method::kRecordFavour:
      return "record-favour";
    case Method::kListContacts:
      return "list-contacts";
    case Method::kCreateReferral:
      return "create-referral";
    case Method::kSuggestHelpers:
      return "suggest-helpers";
    case Method::kFindIntroPaths:
      return "find-intro-paths";
    case Method::kSuggestIntroductions:
      return "suggest-introductions";
    case Method::kGetWeeklyReview:
      return "weekly-review";
  }
  return "unknown";
}

}  // namespace refnet::loadgen
