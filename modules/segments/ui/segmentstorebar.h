#pragma once

#include <segments/segment.h>
#include <segments/segmentdefinition.h>

#include <core/usercontext.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QThreadPool;

namespace Ud::Core {
class Database;
}
namespace Ud::Ui {
class FieldMessage;
}

namespace Ud::Segments {

class SegmentService;

/// The builder's link to the saved segments (SegmentService): the segment's name,
/// description and control-group percent, Save (a first save creates the segment, a changed
/// definition adds a version), Open (the saved segments) and Version (the segment's history,
/// oldest first, to go back to an earlier definition). Opening a segment or a version emits
/// loaded() with its definition for the builder to show; the static include and exclude
/// lists it carries are kept and saved with it.
class SegmentStoreBar : public QWidget
{
    Q_OBJECT
public:
    SegmentStoreBar(QThreadPool *pool, Core::Database &database, SegmentService &segments, Core::UserContext user,
                    QWidget *parent = nullptr);

    /// The fields and the lists with `ruleText`.
    SegmentDefinition definition(const QString &ruleText) const;
    /// Saves `ruleText` with the fields, in the background. An empty name shows under the field.
    void save(const QString &ruleText);
    /// Opens the segment named (current version), as choosing it in Open does.
    void open(const QString &name);
    /// A new segment, as choosing "New segment" in Open does: no name, lists or history.
    void startNew();
    /// The outcome of the last save or open ("Version 2 saved."), empty before any.
    QString status() const;
    QComboBox *openBox() const { return m_open; }
    QComboBox *versionBox() const { return m_versions; }
    QLineEdit *nameEdit() const { return m_name; }

signals:
    void loaded(const Ud::Segments::SegmentDefinition &definition);
    void failed(const QString &message);
    void saved(int version);
    /// The Save button was pressed: the builder checks its rule, then calls save().
    void saveRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void reloadList(const QString &select);
    void loadVersion(const QString &name, std::optional<int> version);
    void showVersions(const QList<SegmentVersion> &versions, int current);
    void apply(const SegmentVersion &version);
    void retranslateUi();

    QThreadPool *m_pool;
    Core::Database &m_database;
    SegmentService &m_segments;
    Core::UserContext m_user;
    QStringList m_include;
    QStringList m_exclude;
    QString m_openName; ///< the saved segment shown, empty for a new one

    QLabel *m_nameLabel;
    QLineEdit *m_name;
    Ui::FieldMessage *m_nameMessage;
    QLabel *m_descriptionLabel;
    QLineEdit *m_description;
    QLabel *m_controlLabel;
    QSpinBox *m_control;
    QPushButton *m_save;
    QLabel *m_openLabel;
    QComboBox *m_open;
    QLabel *m_versionLabel;
    QComboBox *m_versions;
    QLabel *m_status;
};

} // namespace Ud::Segments
