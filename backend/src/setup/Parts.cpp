#include "Parts.h"

#include "dockeralias/DockerAliasPart.h"
#include "ldap/LdapPart.h"
#include "nvidia/NvidiaPart.h"
#include "prune/PrunePart.h"
#include "registry/RegistryPart.h"
#include "setup/SubidsPart.h"
#include "storage/StoragePart.h"

namespace podbay::helper::setup {

const std::vector<Part> &allParts()
{
    // Subordinate ids first (rootless Podman needs them), then where its storage goes;
    // the registry before the prune timer that cleans what users pull from it.
    static const std::vector<Part> parts{
        subidsPart(),
        storage::storagePart(),
        dockeralias::dockerAliasPart(),
        ldap::ldapPart(),
        registry::registryPart(),
        nvidia::nvidiaPart(),
        prune::pruneTimerPart(),
    };
    return parts;
}

} // namespace podbay::helper::setup
