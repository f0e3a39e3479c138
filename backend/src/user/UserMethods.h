#pragma once
// The user side of the helper (issue: build, commit, push, run): one handler per
// JSON-RPC method, each running as the calling user with no privilege. docs/protocol.md
// has a request and response example for every one.

#include "rpc/Method.h"

#include <nlohmann/json.hpp>

namespace podbay::helper::user {

// Images and working containers (ContainerMethods.cpp).
nlohmann::json imagesList(rpc::Call &call);
nlohmann::json containersList(rpc::Call &call);
nlohmann::json containersCreate(rpc::Call &call);
nlohmann::json containersRemove(rpc::Call &call);
nlohmann::json containersHistory(rpc::Call &call);
nlohmann::json containersContainerfile(rpc::Call &call);
nlohmann::json stepsRun(rpc::Call &call);

// Commit + push, build from a Containerfile (PublishMethods.cpp).
nlohmann::json imagesPublish(rpc::Call &call);
nlohmann::json imagesBuild(rpc::Call &call);

// The site registry (RegistryMethods.cpp).
nlohmann::json registryList(rpc::Call &call);
nlohmann::json registryDelete(rpc::Call &call);

// Running images (RunMethods.cpp).
nlohmann::json runPodman(rpc::Call &call);
nlohmann::json runApptainerPull(rpc::Call &call);

// Slurm (SlurmMethods.cpp).
nlohmann::json slurmScript(rpc::Call &call);
nlohmann::json slurmSubmit(rpc::Call &call);
nlohmann::json slurmJobs(rpc::Call &call);
nlohmann::json slurmOutput(rpc::Call &call);
nlohmann::json slurmCancel(rpc::Call &call);

} // namespace podbay::helper::user
