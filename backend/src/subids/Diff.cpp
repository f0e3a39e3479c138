#include "Diff.h"

#include "sysfile/UnifiedDiff.h"

#include <string_view>
#include <vector>

namespace podbay::helper::subids {
namespace {

std::vector<sysfile::DiffLine> tagLines(const FilePlan &plan)
{
    std::vector<sysfile::DiffLine> out;
    out.reserve(plan.old->lines.size() + plan.appended.size() + plan.ops.size());
    auto op = plan.ops.begin();
    for (std::size_t i = 0; i < plan.old->lines.size(); ++i) {
        const std::string_view text = plan.old->lines[i].text;
        if (op != plan.ops.end() && op->index == i) {
            out.push_back({'-', text});
            if (op->kind == LineOpKind::Replace)
                out.push_back({'+', op->text});
            ++op;
        } else {
            out.push_back({' ', text});
        }
    }
    for (const std::string_view text : plan.appended)
        out.push_back({'+', text});
    return out;
}

} // namespace

std::string unifiedDiff(const FilePlan &plan)
{
    if (!plan.fileChanged())
        return {};
    const std::vector<sysfile::DiffLine> lines = tagLines(plan);
    return sysfile::renderUnifiedDiff(plan.path, plan.path + " (planned)", lines);
}

} // namespace podbay::helper::subids
