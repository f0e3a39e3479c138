#pragma once
// The Doctor's report as the web app shows it: the same for the user's own checks
// (doctor.run) and the helpdesk's lookup (doctor.user).

#include <DoctorModel.h>

#include <QJsonObject>

namespace podbay::portal {

QJsonObject doctorJson(const core::DoctorModel &model);

} // namespace podbay::portal
