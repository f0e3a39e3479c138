#pragma once
// `doctor`: a user's rootless-container status as a list of checks, each ok / warn / fail
// with a detail, a remedy in words and, where an admin can fix it, a fix id that
// admin.fix applies. Run by the user for themselves (doctor.run), or by the helpdesk for
// anyone (doctor.user, privileged, read-only: podman runs as the target user).

#include "Site.h"
#include "rpc/Method.h"

#include <nlohmann/json.hpp>

namespace podbay::helper::user {

struct DoctorCheck
{
    std::string id;     // stable: "subuid", "podman-info", ...
    std::string title;  // for people
    std::string status; // "ok", "warn" or "fail"
    std::string detail;
    std::string remedy; // empty when ok
    std::string fix;    // admin.fix id, empty when the user fixes it (or nothing to fix)
};

// `asRoot`: the helper runs as root (helpdesk) and must run podman as `target`.
std::vector<DoctorCheck> runDoctor(const rpc::Call &call, const Account &target, bool asRoot);

// Throws HelperError(E_NO_SUBUID) when `target` has no /etc/subuid or /etc/subgid range.
// Without one podman falls back to mapping only the user's own id: a base image whose
// files all belong to root still starts, and the first step that chowns (apt, dnf, a
// tarball) fails with an obscure error. Refusing up front says what is wrong.
void requireSubordinateIds(const rpc::Call &call, const Account &target);

nlohmann::json doctorReport(const Account &target, const std::vector<DoctorCheck> &checks);

nlohmann::json doctorRun(rpc::Call &call);  // user: themselves
nlohmann::json doctorUser(rpc::Call &call); // helpdesk: {"user": NAME}
nlohmann::json adminFix(rpc::Call &call);   // admin: {"user": NAME, "fix": ID, "dryRun": bool}

} // namespace podbay::helper::user
