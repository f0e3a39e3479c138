#pragma once
// How to use a pushed image: the lines a user copies (podman run, apptainer pull
// and exec) and the argv the helper runs for `apptainer pull` itself.

#include "validate/ImageReference.h"

#include <string>
#include <vector>

namespace podbay::helper::workflow {

struct RunLines
{
    std::string podmanRun;
    std::string apptainerPull;
    std::string apptainerExec;
};

// `insecure`: the registry speaks plain http (allowed only on loopback), so podman
// needs --tls-verify=false and apptainer --no-https.
RunLines runLines(const validate::ImageReference &image, bool insecure);

// apptainer's default file name for docker://path:tag is <last path part>_<tag>.sif.
std::string sifName(const validate::ImageReference &image);

std::vector<std::string> apptainerPullArgv(const validate::ImageReference &image, bool insecure,
                                           const std::string &destination);

} // namespace podbay::helper::workflow
