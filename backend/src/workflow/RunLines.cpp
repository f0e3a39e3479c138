#include "RunLines.h"

#include "ShellWords.h"

namespace podbay::helper::workflow {

std::string sifName(const validate::ImageReference &image)
{
    const auto slash = image.path.rfind('/');
    const std::string last = slash == std::string::npos ? image.path : image.path.substr(slash + 1);
    return last + "_" + (image.tag.empty() ? std::string("latest") : image.tag) + ".sif";
}

std::vector<std::string> apptainerPullArgv(const validate::ImageReference &image, bool insecure,
                                           const std::string &destination)
{
    std::vector<std::string> argv{"apptainer", "pull"};
    if (insecure)
        argv.push_back("--no-https"); // apptainer-pull(1): plain http registry
    argv.push_back(destination);
    argv.push_back("docker://" + image.toString());
    return argv;
}

RunLines runLines(const validate::ImageReference &image, bool insecure)
{
    std::vector<std::string> podman{"podman", "run", "--rm", "-it"};
    if (insecure)
        podman.push_back("--tls-verify=false");
    podman.push_back(image.toString());
    const std::string sif = sifName(image);
    return RunLines{
        shellJoin(podman),
        shellJoin(apptainerPullArgv(image, insecure, sif)),
        shellJoin({"apptainer", "exec", sif, "/bin/sh"}),
    };
}

} // namespace podbay::helper::workflow
