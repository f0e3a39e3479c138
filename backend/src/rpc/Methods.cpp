#include "Methods.h"

#include "NodeFacts.h"
#include "admin/AdminMethods.h"
#include "VersionCommand.h"
#include "user/Doctor.h"
#include "user/UserMethods.h"

#include <podbay/protocol/Protocol.h>

#include <array>
#include <vector>

namespace podbay::helper::rpc {
namespace {

namespace m = protocol::method;

constexpr std::array kMethods{
    Method{m::kHello, Audience::Everyone, &hello},
    Method{m::kImagesList, Audience::User, &user::imagesList},
    Method{m::kImagesPublish, Audience::User, &user::imagesPublish},
    Method{m::kImagesBuild, Audience::User, &user::imagesBuild},
    Method{m::kContainersList, Audience::User, &user::containersList},
    Method{m::kContainersCreate, Audience::User, &user::containersCreate},
    Method{m::kContainersRemove, Audience::User, &user::containersRemove},
    Method{m::kContainersHistory, Audience::User, &user::containersHistory},
    Method{m::kContainersContainerfile, Audience::User, &user::containersContainerfile},
    Method{m::kStepsRun, Audience::User, &user::stepsRun},
    Method{m::kRegistryList, Audience::User, &user::registryList},
    Method{m::kRegistryDelete, Audience::User, &user::registryDelete},
    Method{m::kRunPodman, Audience::User, &user::runPodman},
    Method{m::kRunApptainerPull, Audience::User, &user::runApptainerPull},
    Method{m::kSlurmScript, Audience::User, &user::slurmScript},
    Method{m::kSlurmSubmit, Audience::User, &user::slurmSubmit},
    Method{m::kSlurmJobs, Audience::User, &user::slurmJobs},
    Method{m::kSlurmOutput, Audience::User, &user::slurmOutput},
    Method{m::kSlurmCancel, Audience::User, &user::slurmCancel},
    Method{m::kDoctorRun, Audience::User, &user::doctorRun},
    Method{m::kDoctorUser, Audience::Helpdesk, &user::doctorUser},
    Method{m::kAdminFix, Audience::Admin, &user::adminFix},
};

} // namespace

std::span<const Method> allMethods()
{
    // The user, helpdesk and admin.fix methods, then the admin commands (AdminMethods.h).
    static const std::vector<Method> methods = [] {
        std::vector<Method> all(kMethods.begin(), kMethods.end());
        const auto admin = admin::adminMethods();
        all.insert(all.end(), admin.begin(), admin.end());
        return all;
    }();
    return methods;
}

nlohmann::json hello(Call &call)
{
    nlohmann::json methods = nlohmann::json::array();
    for (const Method &method : call.methods())
        if (mayCall(method, call.caller()))
            methods.push_back(method.name);
    const nlohmann::json version = versionInfo();
    return {
        {"protocol", version.at("protocol")},
        {"helper", {{"name", version.at("name")}, {"version", version.at("version")}}},
        {"capabilities", {{"methods", methods}}},
        {"caller",
         {{"user", call.caller().user},
          {"uid", call.caller().uid},
          {"roles", call.caller().roles()},
          {"privileged", call.caller().privileged}}},
        {"node", nodeFacts(call.context())},
    };
}

} // namespace podbay::helper::rpc
