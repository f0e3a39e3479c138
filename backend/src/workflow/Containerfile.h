#pragma once
// A Containerfile that reproduces a working container: its base image and the
// steps the user ran, in order (containerfile(5)).

#include <string>
#include <vector>

namespace podbay::helper::workflow {

struct Step
{
    std::string command;
    int exitCode = 0;
    std::string startedAt; // RFC 3339, UTC
};

// Each successful step becomes RUN in exec form, ["/bin/sh", "-c", "<command>"],
// so any command text (quotes, newlines, $) is reproduced exactly; failed steps
// left no change worth keeping and are listed as comments.
std::string containerfile(const std::string &baseImage, const std::vector<Step> &steps);

} // namespace podbay::helper::workflow
