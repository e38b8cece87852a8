#pragma once

#include "connectmydatasource.h"

#include <QList>
#include <QString>

namespace Ud::Metering {

/// The Connect My Data subscriptions the headless worker polls, read from a JSON file
/// (`meter-sync --source-config FILE`): one object, or an array of them, with
///
///     base_url                   "https://api.utility.example" (https only)
///     resources                  ["/espi/1_1/resource/Batch/Subscription/42", ...]
///     access_token_file          a file holding the bearer token (readable by its owner only)
///     inbox                      folder the downloads are written to and imported from
///     ca_bundle                  optional PEM file of authorities to trust
///     trust_system_certificates  optional, default true
///     client_certificate, client_key  optional PEM files for mutual TLS
///     poll_seconds               optional, default 21600 (six hours)
///
/// The token lives in its own file so it never shows in a process list, a shell history or the
/// configuration file. Throws Error(BadInput) naming the file, the entry and the field.
class SyncSourcesFile
{
public:
    static QList<ConnectMyDataConfig> read(const QString &path);
};

} // namespace Ud::Metering
