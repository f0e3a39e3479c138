#pragma once
// The batch script for running an image as a Slurm job (sbatch(1) #SBATCH
// options), rendered from validated fields only. The user's own command is the
// one piece of free text: it is single-quoted into the script and runs inside the
// user's container, never in the helper.

#include <string>

namespace podbay::helper::workflow {

struct JobSpec
{
    enum class Runtime { Podman, Apptainer };

    std::string name = "podbay";
    std::string partition; // empty: the cluster's default partition
    std::string timeLimit = "01:00:00";
    int cpus = 1;
    std::string memory; // empty: the partition's default; else N[K|M|G|T]
    int gpus = 0;
    Runtime runtime = Runtime::Podman;
    std::string image;   // podman: an image reference; apptainer: an absolute .sif path
    std::string command; // runs inside the container with /bin/sh -c
    bool tlsVerify = true; // podman: false for the plain-http site registry on loopback
    std::string output;    // absolute path (Slurm filename pattern allowed, e.g. %j)
};

// Throws HelperError(E_BAD_INPUT / E_BAD_NAME) naming the first field that is wrong.
void checkJob(const JobSpec &spec);
std::string renderBatchScript(const JobSpec &spec);

// Slurm's --time forms: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S (sbatch(1), "-t, --time").
bool validTimeLimit(const std::string &text);

} // namespace podbay::helper::workflow
