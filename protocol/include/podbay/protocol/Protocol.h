#pragma once
// The contract between podbay-helper and its clients (libpodbay-core).
// Transport: newline-delimited JSON-RPC 2.0 (https://www.jsonrpc.org/specification)
// on the stdin/stdout of `podbay-helper serve`, and the same operations as one-shot
// CLI commands with --json. Both sides compile against this header, so a name can
// only change in one place.

#include <string_view>

namespace podbay::protocol {

// A client refuses a helper whose major differs (architecture.md, "Helper protocol").
// Minor versions only add methods, fields and error codes.
inline constexpr int kMajor = 1;
inline constexpr int kMinor = 0;

inline constexpr std::string_view kHelperName = "podbay-helper";

namespace method {
inline constexpr std::string_view kHello = "system.hello";
inline constexpr std::string_view kCancel = "$/cancel";
// User methods (unprivileged `serve`): docs/protocol.md has an example of each.
inline constexpr std::string_view kImagesList = "images.list";
inline constexpr std::string_view kImagesPublish = "images.publish";
inline constexpr std::string_view kImagesBuild = "images.build";
inline constexpr std::string_view kContainersList = "containers.list";
inline constexpr std::string_view kContainersCreate = "containers.create";
inline constexpr std::string_view kContainersRemove = "containers.remove";
inline constexpr std::string_view kContainersHistory = "containers.history";
inline constexpr std::string_view kContainersContainerfile = "containers.containerfile";
inline constexpr std::string_view kStepsRun = "steps.run";
inline constexpr std::string_view kRegistryList = "registry.list";
inline constexpr std::string_view kRegistryDelete = "registry.delete";
inline constexpr std::string_view kRunPodman = "run.podman";
inline constexpr std::string_view kRunApptainerPull = "run.apptainerPull";
inline constexpr std::string_view kSlurmScript = "slurm.script";
inline constexpr std::string_view kSlurmSubmit = "slurm.submit";
inline constexpr std::string_view kSlurmJobs = "slurm.jobs";
inline constexpr std::string_view kSlurmOutput = "slurm.output";
inline constexpr std::string_view kSlurmCancel = "slurm.cancel";
inline constexpr std::string_view kDoctorRun = "doctor.run";
// Privileged methods (`serve --privileged` through sudo).
inline constexpr std::string_view kDoctorUser = "doctor.user";
inline constexpr std::string_view kAdminFix = "admin.fix";
} // namespace method

namespace notification {
inline constexpr std::string_view kProgress = "progress";
inline constexpr std::string_view kLog = "log";
} // namespace notification

// Stable error codes: clients switch on these, humans read message and hint.
namespace error {
inline constexpr std::string_view kUsage = "E_USAGE";
inline constexpr std::string_view kInternal = "E_INTERNAL";
inline constexpr std::string_view kBadName = "E_BAD_NAME";
inline constexpr std::string_view kBadInput = "E_BAD_INPUT";
inline constexpr std::string_view kNotFound = "E_NOT_FOUND";
inline constexpr std::string_view kForbidden = "E_FORBIDDEN";
inline constexpr std::string_view kIo = "E_IO";
inline constexpr std::string_view kLocked = "E_LOCKED";
inline constexpr std::string_view kNoSubuid = "E_NO_SUBUID";
inline constexpr std::string_view kRegistryDown = "E_REGISTRY_DOWN";
inline constexpr std::string_view kProtocolMismatch = "E_PROTOCOL_MISMATCH";
inline constexpr std::string_view kHelperMissing = "E_HELPER_MISSING";
inline constexpr std::string_view kUnknownMethod = "E_UNKNOWN_METHOD";
inline constexpr std::string_view kBusy = "E_BUSY";
inline constexpr std::string_view kCancelled = "E_CANCELLED";
// A directory on a network or cluster filesystem where a local one is needed
// (`storage configure`: rootless Podman storage).
inline constexpr std::string_view kNetworkFs = "E_NETWORK_FS";
} // namespace error

} // namespace podbay::protocol
