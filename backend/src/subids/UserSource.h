#pragma once
// The accounts the helper gives ranges to: NSS enumeration (getpwent(3), what
// `getent passwd` prints) or a passwd(5) file given with --passwd.

#include "FlatIndex.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podbay::helper::subids {

struct Account
{
    std::string name;
    std::uint64_t uid = 0;
    std::uint64_t gid = 0;
    std::string shell;
};

struct AccountList
{
    std::vector<Account> accounts;
    // Entries that were skipped (NSS names a subuid file cannot hold, duplicates).
    std::vector<std::string> warnings;
    std::string source; // "nss" or the file's path
    // Positions in `accounts` by name (std::hash of the name), made while dropping
    // duplicate names; OwnerIndex uses it instead of hashing every name again. Stale (and
    // then ignored) once `accounts` changes size.
    FlatIndex byName;
};

// A name that can be the owner field of subuid(5): letters, digits, . _ - @ and a final $
// (machine accounts), not starting with '-', not all digits (a numeric owner means a UID).
bool validAccountName(std::string_view name);

// Strict: every line must be a passwd(5) entry with a valid name and numeric ids; blank lines
// and NIS lines (+/-) are skipped. Throws HelperError(E_BAD_INPUT) "FILE:LINE: ..." on junk.
AccountList parsePasswd(std::string_view text, const std::string &source);
AccountList readPasswdFile(const std::filesystem::path &path);

// setpwent/getpwent/endpwent. Names that cannot be subuid owners are skipped with a warning.
AccountList enumerateNss();

// getpwnam(3), for `check --user` on sites whose NSS does not enumerate.
std::optional<Account> lookupNss(const std::string &name);

struct Eligibility
{
    std::uint64_t minUid = 1000;
    std::uint64_t maxUid = 4294967294ULL;
    std::vector<std::string> skipShells;
    std::vector<std::string> skipUsers;
};

// Why `account` gets no range, or std::nullopt when it gets one.
std::optional<std::string> ineligibility(const Account &account, const Eligibility &rules);

} // namespace podbay::helper::subids
