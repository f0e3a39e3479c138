#pragma once
// Where subordinate ids come from: nsswitch.conf(5)'s `subid:` line names one libsubid
// module (shadow's lib/nss.c); without it, or with `files`, they come from /etc/subuid
// and /etc/subgid. With another source (sss for FreeIPA, ...), the files are not used
// by newuidmap, so `sync` refuses to write them and `check` asks getsubids(1).

#include <filesystem>
#include <string>
#include <string_view>

namespace podbay::helper::subids {

struct SubidSource
{
    std::string name = "files"; // the module named on the subid: line
    int line = 0;               // where, 0 when there is no such line

    bool isFiles() const { return name == "files"; }
};

SubidSource parseSubidSource(std::string_view nsswitchText);
SubidSource readSubidSource(const std::filesystem::path &nsswitchConf);

} // namespace podbay::helper::subids
