#pragma once

#include <QObject>

namespace Ud::Ui {

/// Call first thing in the destructor of a form whose slots read its own members. ~QWidget
/// hides the children only after the form's members are gone, and the editor that had the
/// focus then emits editingFinished into the half-destroyed form (a crash). Cutting every
/// connection from the form's children to the form beforehand prevents that.
inline void disconnectChildren(QObject *form)
{
    const QList<QObject *> children = form->findChildren<QObject *>();
    for (QObject *child : children)
        QObject::disconnect(child, nullptr, form, nullptr);
}

} // namespace Ud::Ui
