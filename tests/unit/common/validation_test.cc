// Field validators: what is accepted, and that refusals name the field.
#include "services/common/validation.h"

#include "gtest/gtest.h"
#include "services/common/fingerprint.h"
#include "services/common/page_token.h"
#include "services/common/resource_names.h"

namespace refnet {
namespace {

TEST(ValidationTest, EmailsNeedOneAtAndADottedDomain) {
  for (const char* good : {"a@b.co", "first.last+tag@example.co.uk", "UPPER@EXAMPLE.COM"}) {
    EXPECT_TRUE(ValidateEmail(good, "f").ok()) << good;
  }
  for (const char* bad : {"", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@c.com",
                          "a@b..com", "a@b.com.", "a@.com", "<a@b.com>"}) {
    absl::Status status = ValidateEmail(bad, "contact.emails[2]");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(status.message().rfind("contact.emails[2]: ", 0), 0u) << status.message();
  }
}

TEST(ValidationTest, PhonesAreDigitsWithCommonPunctuation) {
  for (const char* good : {"+1 (555) 010-2000", "020 7946 0958", "555.0100", "12345"}) {
    EXPECT_TRUE(ValidatePhone(good, "p").ok()) << good;
  }
  for (const char* bad :
       {"", "1234", "call me", "+1+2345678", "555-0100 ext. 4", "123456789012345678901"}) {
    EXPECT_EQ(ValidatePhone(bad, "p").code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ValidationTest, TextMustBeBoundedUtf8WithoutControlCharacters) {
  EXPECT_TRUE(ValidateRequiredText("Zoë Ångström", "name", 200).ok());
  EXPECT_FALSE(ValidateRequiredText("   ", "name", 200).ok());
  EXPECT_FALSE(ValidateRequiredText(std::string(201, 'a'), "name", 200).ok());
  EXPECT_FALSE(ValidateOptionalText("bad \xC3", "name", 200).ok());
  EXPECT_FALSE(ValidateOptionalText("bad \xFF byte", "name", 200).ok());
  EXPECT_FALSE(ValidateOptionalText(std::string("nul\0inside", 10), "name", 200).ok());
  EXPECT_TRUE(ValidateOptionalText("line one\nline two", "notes", 200).ok());
  absl::Status status = ValidateTextList({"ok", ""}, "contact.tags", 5, 10);
  EXPECT_EQ(status.message(), "contact.tags[1]: is required");
}

TEST(ValidationTest, RequestIdsAreEmptyOrUuids) {
  EXPECT_TRUE(ValidateRequestId("").ok());
  EXPECT_TRUE(ValidateRequestId("123e4567-e89b-12d3-a456-426614174000").ok());
  EXPECT_FALSE(ValidateRequestId("123e4567e89b12d3a456426614174000").ok());
  EXPECT_FALSE(ValidateRequestId("zzze4567-e89b-12d3-a456-426614174000").ok());
}

TEST(ValidationTest, PageSizeDefaultsCapsAndRefusesNegatives) {
  EXPECT_EQ(*ResolvePageSize(0), 50);
  EXPECT_EQ(*ResolvePageSize(7), 7);
  EXPECT_EQ(*ResolvePageSize(5000), 1000);
  EXPECT_EQ(ResolvePageSize(-1).status().message(), "page_size: must not be negative");
}

TEST(ResourceNamesTest, ParsesOnlyTheExpectedCollection) {
  absl::StatusOr<ChildName> name = ParseChildName("firms/acme/contacts/ann", kContacts, "name");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->firm_id, "acme");
  EXPECT_EQ(name->id, "ann");
  for (const char* bad :
       {"", "firms/acme/members/ann", "firms/acme/contacts", "firms//contacts/a",
        "firms/acme/contacts/ann/extra", "firms/ACME/contacts/ann", "orgs/acme/contacts/ann"}) {
    EXPECT_EQ(ParseChildName(bad, kContacts, "name").status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(*ParseFirmName("firms/acme", "parent"), "acme");
  EXPECT_FALSE(ParseFirmName("firms/acme/", "parent").ok());
}

TEST(ResourceNamesTest, NewIdsFollowAip122) {
  EXPECT_TRUE(ValidateNewId("acme-2", "firm_id").ok());
  for (const char* bad : {"a", "2acme", "Acme", "acme_", "acme-", "ac me"}) {
    EXPECT_FALSE(ValidateNewId(bad, "firm_id").ok()) << bad;
  }
}

TEST(PageTokenTest, TokensAreBoundToTheirQuery) {
  std::string query_a = Fingerprint({"ListContacts", "acme", "tag=a"});
  std::string query_b = Fingerprint({"ListContacts", "acme", "tag=b"});
  std::string other_firm = Fingerprint({"ListContacts", "globex", "tag=a"});
  std::string token = EncodePageToken(query_a, 42);
  EXPECT_EQ(*DecodePageToken(token, query_a), 42);
  EXPECT_EQ(*DecodePageToken("", query_a), 0);
  for (const std::string& other : {query_b, other_firm}) {
    absl::Status status = DecodePageToken(token, other).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message().rfind("page_token: ", 0), 0u);
  }
  EXPECT_FALSE(DecodePageToken("%%%", query_a).ok());
  EXPECT_FALSE(DecodePageToken("bm90IGEgdG9rZW4", query_a).ok());  // "not a token"
}

}  // namespace
}  // namespace refnet
