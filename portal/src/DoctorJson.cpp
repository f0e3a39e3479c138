#include "DoctorJson.h"

#include <QJsonArray>

namespace podbay::portal {

QJsonObject doctorJson(const core::DoctorModel &model)
{
    QJsonArray checks;
    for (const core::DoctorCheck &c : model.checks())
        checks.append(QJsonObject{{QStringLiteral("id"), c.id},
                                  {QStringLiteral("title"), c.title},
                                  {QStringLiteral("status"), c.status},
                                  {QStringLiteral("detail"), c.detail},
                                  {QStringLiteral("remedy"), c.remedy},
                                  {QStringLiteral("fix"), c.fix}});
    return {{QStringLiteral("user"), model.user()},
            {QStringLiteral("status"), model.overall()},
            {QStringLiteral("checks"), checks}};
}

} // namespace podbay::portal
