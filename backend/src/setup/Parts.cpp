#include "Parts.h"

#include "dockeralias/DockerAliasPart.h"
#include "ldap/LdapPart.h"
#include "setup/SubidsPart.h"
#include "storage/StoragePart.h"

namespace podbay::helper::setup {

const std::vector<Part> &allParts()
{
    // Subordinate ids first (rootless Podman needs them), then where its storage goes.
    static const std::vector<Part> parts{
        subidsPart(),
        storage::storagePart(),
        dockeralias::dockerAliasPart(),
        ldap::ldapPart(),
    };
    return parts;
}

} // namespace podbay::helper::setup
