#pragma once

#include <core/database.h>
#include <core/error.h>

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <functional>
#include <optional>
#include <type_traits>

namespace Ud::Ui {

/// Runs a service call on the thread pool so the window never freezes (password hashing
/// alone takes about half a second), then hands the result or the error sentence to
/// `receiver`'s thread. Nothing is delivered if `receiver` is gone by then. The worker
/// releases its thread's database connection when done, because pool threads outlive the
/// call and Database keeps one connection per thread.
///
/// This form runs on `pool` instead of the global one: for work that may take long (a segment
/// count over a million customers), so that it never holds up what Qt itself runs on the
/// global pool (the raster paint engine waits there for its fill threads, so a busy global
/// pool would freeze painting).
template<typename Work, typename Done, typename Failed>
void runInBackground(QThreadPool *pool, Core::Database &db, QObject *receiver, Work work, Done done, Failed failed)
{
    using Result = std::invoke_result_t<Work>;
    using Value = std::conditional_t<std::is_void_v<Result>, bool, Result>;
    struct Outcome {
        std::optional<Value> value;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Outcome>(receiver);
    QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, receiver,
                     [watcher, done = std::move(done), failed = std::move(failed)] {
                         const Outcome outcome = watcher->result();
                         watcher->deleteLater();
                         if (outcome.value) {
                             if constexpr (std::is_void_v<Result>)
                                 done();
                             else
                                 done(*outcome.value);
                         } else {
                             failed(outcome.error);
                         }
                     });
    watcher->setFuture(QtConcurrent::run(pool, [&db, work = std::move(work)]() -> Outcome {
        Outcome outcome;
        try {
            if constexpr (std::is_void_v<Result>) {
                work();
                outcome.value = true;
            } else {
                outcome.value = work();
            }
        } catch (const Core::Error &e) {
            outcome.error = e.message();
        } catch (const std::exception &e) {
            outcome.error = QString::fromUtf8(e.what());
        }
        db.releaseThreadConnection();
        return outcome;
    }));
}

template<typename Work, typename Done, typename Failed>
void runInBackground(Core::Database &db, QObject *receiver, Work work, Done done, Failed failed)
{
    runInBackground(QThreadPool::globalInstance(), db, receiver, std::move(work), std::move(done), std::move(failed));
}

} // namespace Ud::Ui
