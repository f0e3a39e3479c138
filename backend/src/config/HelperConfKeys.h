#pragma once
// Every key of /etc/podbay/helper.conf that some command reads. docs/helper-conf.md
// documents each one; a command adding a key adds it here and there, so other commands
// do not warn about it as unknown.

#include "config/IniFile.h"

#include <array>

namespace podbay::helper::config {

inline constexpr std::array kHelperConfKeys{
    // [groups]: who may use `serve --privileged` (admin and helpdesk roles).
    KnownKey{"groups", "admin"},
    KnownKey{"groups", "helpdesk"},
    // [registry]: the site registry.
    KnownKey{"registry", "address"},
    // [registry] for `registry setup|status|gc|run` on the node that hosts it.
    KnownKey{"registry", "user"},
    KnownKey{"registry", "uid"},
    KnownKey{"registry", "storage"},
    KnownKey{"registry", "listen"},
    KnownKey{"registry", "config"},
    KnownKey{"registry", "binary"},
    KnownKey{"registry", "image"},
    // [nvidia]: `setup` writes the CDI spec on nodes with GPUs unless setup = no.
    KnownKey{"nvidia", "setup"},
    // [prune]: `prune` defaults and the daily timer.
    KnownKey{"prune", "older_than"},
    KnownKey{"prune", "min_uid"},
    KnownKey{"prune", "timer"},
    // [slurm]: the slurm.conf the helper passes to sbatch/squeue.
    KnownKey{"slurm", "conf"},
    // [subids]: `podbay-helper subids` (see docs/helper-conf.md).
    KnownKey{"subids", "strategy"},
    KnownKey{"subids", "min_uid"},
    KnownKey{"subids", "max_uid"},
    KnownKey{"subids", "count"},
    KnownKey{"subids", "multiplier"},
    KnownKey{"subids", "base"},
    KnownKey{"subids", "pool_start"},
    KnownKey{"subids", "pool_end"},
    KnownKey{"subids", "skip_shells"},
    KnownKey{"subids", "skip_users"},
    KnownKey{"subids", "max_removals"},
    KnownKey{"subids", "lock_timeout"},
    KnownKey{"subids", "state_file"},
    KnownKey{"subids", "getsubids"},
    // [storage]: `storage configure` / setup (rootless Podman storage on a local disk).
    KnownKey{"storage", "path"},
    // [docker]: `docker-alias enable|disable` / setup.
    KnownKey{"docker", "alias"},
    // [ldap]: `ldap shuffle` / setup (per-host server order in sssd.conf).
    KnownKey{"ldap", "shuffle"},
    KnownKey{"ldap", "file"},
};

} // namespace podbay::helper::config
