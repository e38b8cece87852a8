#include "segmentstorebar.h"

#include <core/ui/background.h>
#include <core/ui/messagebar.h>
#include <segments/segmentservice.h>

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

namespace Ud::Segments {

SegmentStoreBar::SegmentStoreBar(QThreadPool *pool, Core::Database &database, SegmentService &segments, Core::UserContext user,
                                 QWidget *parent)
    : QWidget(parent), m_pool(pool), m_database(database), m_segments(segments), m_user(std::move(user)),
      m_nameLabel(new QLabel(this)), m_name(new QLineEdit(this)), m_nameMessage(nullptr), m_descriptionLabel(new QLabel(this)),
      m_description(new QLineEdit(this)), m_controlLabel(new QLabel(this)), m_control(new QSpinBox(this)),
      m_save(new QPushButton(this)), m_openLabel(new QLabel(this)), m_open(new QComboBox(this)),
      m_versionLabel(new QLabel(this)), m_versions(new QComboBox(this)), m_status(new QLabel(this))
{
    m_name->setObjectName(QStringLiteral("segmentName"));
    m_name->setMaxLength(80);
    m_nameMessage = new Ui::FieldMessage(m_name, this);
    m_description->setObjectName(QStringLiteral("segmentDescription"));
    m_control->setObjectName(QStringLiteral("controlPercent"));
    m_control->setRange(0, 100);
    m_save->setObjectName(QStringLiteral("saveSegment"));
    m_open->setObjectName(QStringLiteral("openSegment"));
    m_versions->setObjectName(QStringLiteral("segmentVersion"));
    m_versions->setEnabled(false);
    m_status->setObjectName(QStringLiteral("segmentStatus"));
    m_nameLabel->setBuddy(m_name);
    m_descriptionLabel->setBuddy(m_description);
    m_controlLabel->setBuddy(m_control);
    m_openLabel->setBuddy(m_open);
    m_versionLabel->setBuddy(m_versions);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_openLabel, 0, 0);
    grid->addWidget(m_open, 0, 1);
    grid->addWidget(m_versionLabel, 0, 2);
    grid->addWidget(m_versions, 0, 3, 1, 3);
    grid->addWidget(m_nameLabel, 1, 0);
    grid->addWidget(m_name, 1, 1);
    grid->addWidget(m_descriptionLabel, 1, 2);
    grid->addWidget(m_description, 1, 3);
    grid->addWidget(m_controlLabel, 1, 4);
    grid->addWidget(m_control, 1, 5);
    grid->addWidget(m_nameMessage, 2, 1);
    grid->addWidget(m_status, 2, 3, 1, 2);
    grid->addWidget(m_save, 2, 5);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(3, 3);

    connect(m_open, &QComboBox::activated, this, [this](int index) {
        const QString name = m_open->itemData(index).toString();
        if (name.isEmpty()) {
            startNew();
            return;
        }
        loadVersion(name, std::nullopt);
    });
    connect(m_versions, &QComboBox::activated, this, [this](int index) {
        if (!m_openName.isEmpty())
            loadVersion(m_openName, m_versions->itemData(index).toInt());
    });
    connect(m_save, &QPushButton::clicked, this, &SegmentStoreBar::saveRequested);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameMessage->setMessage({}); });
    retranslateUi();
    reloadList({});
}

QString SegmentStoreBar::status() const
{
    return m_status->text();
}

SegmentDefinition SegmentStoreBar::definition(const QString &ruleText) const
{
    SegmentDefinition d;
    d.name = m_name->text().trimmed();
    d.description = m_description->text();
    d.ruleText = ruleText;
    d.includeCustomerIds = m_include;
    d.excludeCustomerIds = m_exclude;
    d.controlPercent = m_control->value();
    return d;
}

void SegmentStoreBar::save(const QString &ruleText)
{
    if (m_name->text().trimmed().isEmpty()) {
        m_nameMessage->setMessage(tr("Enter a name for the segment, up to 80 characters."));
        m_name->setFocus();
        return;
    }
    m_nameMessage->setMessage({});
    const SegmentDefinition definition = this->definition(ruleText);
    SegmentService *segments = &m_segments;
    const Core::UserContext user = m_user;
    m_save->setEnabled(false);
    m_status->setText(tr("Saving…"));
    Ui::runInBackground(
        m_pool, m_database, this, [segments, user, definition] { return segments->save(user, definition); },
        [this](const SaveResult &result) {
            m_save->setEnabled(true);
            m_include = result.saved.definition.includeCustomerIds;
            m_exclude = result.saved.definition.excludeCustomerIds;
            m_openName = result.saved.definition.name;
            m_status->setText(result.changed ? tr("Version %1 saved.").arg(result.saved.version)
                                             : tr("No change since version %1: nothing was saved.").arg(result.saved.version));
            reloadList(m_openName);
            const QString name = m_openName;
            SegmentService *segments = &m_segments;
            const Core::UserContext user = m_user;
            const int version = result.saved.version;
            Ui::runInBackground(
                m_pool, m_database, this, [segments, user, name] { return segments->versions(user, name); },
                [this, version](const QList<SegmentVersion> &versions) { showVersions(versions, version); },
                [this](const QString &message) { emit failed(message); });
            emit saved(version);
        },
        [this](const QString &message) {
            m_save->setEnabled(true);
            m_status->clear();
            emit failed(tr("Could not save the segment: %1").arg(message));
        });
}

void SegmentStoreBar::open(const QString &name)
{
    loadVersion(name, std::nullopt);
}

void SegmentStoreBar::startNew()
{
    // A new segment from the rule on screen: no name, no lists, no history yet.
    m_openName.clear();
    m_name->clear();
    m_description->clear();
    m_control->setValue(0);
    m_include.clear();
    m_exclude.clear();
    m_versions->clear();
    m_versions->setEnabled(false);
    m_status->clear();
    const QSignalBlocker blocker(m_open);
    m_open->setCurrentIndex(m_open->findData(QString()));
}

void SegmentStoreBar::reloadList(const QString &select)
{
    SegmentService *segments = &m_segments;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_pool, m_database, this, [segments, user] { return segments->list(user); },
        [this, select](const QList<Segment> &list) {
            const QSignalBlocker blocker(m_open);
            m_open->clear();
            m_open->addItem(tr("New segment"), QString());
            for (const Segment &s : list)
                m_open->addItem(s.name, s.name);
            const int at = m_open->findData(select);
            m_open->setCurrentIndex(at < 0 ? 0 : at);
        },
        [this](const QString &message) { emit failed(tr("Could not list the saved segments: %1").arg(message)); });
}

void SegmentStoreBar::loadVersion(const QString &name, std::optional<int> version)
{
    SegmentService *segments = &m_segments;
    const Core::UserContext user = m_user;
    struct Loaded {
        SegmentVersion shown;
        QList<SegmentVersion> all;
    };
    Ui::runInBackground(
        m_pool, m_database, this,
        [segments, user, name, version] { return Loaded{segments->load(user, name, version), segments->versions(user, name)}; },
        [this](const Loaded &result) {
            apply(result.shown);
            showVersions(result.all, result.shown.version);
            const QSignalBlocker blocker(m_open);
            const int at = m_open->findData(result.shown.definition.name);
            if (at >= 0)
                m_open->setCurrentIndex(at);
            m_status->setText(result.all.isEmpty() || result.shown.version == result.all.last().version
                                  ? tr("Version %1, the current one.").arg(result.shown.version)
                                  : tr("Version %1 of %2: saving makes it the current one again.")
                                        .arg(result.shown.version)
                                        .arg(result.all.last().version));
            emit loaded(result.shown.definition);
        },
        [this](const QString &message) { emit failed(tr("Could not open the segment: %1").arg(message)); });
}

void SegmentStoreBar::apply(const SegmentVersion &version)
{
    m_openName = version.definition.name;
    m_name->setText(version.definition.name);
    m_description->setText(version.definition.description);
    m_control->setValue(version.definition.controlPercent);
    m_include = version.definition.includeCustomerIds;
    m_exclude = version.definition.excludeCustomerIds;
    m_nameMessage->setMessage({});
}

void SegmentStoreBar::showVersions(const QList<SegmentVersion> &versions, int current)
{
    const QSignalBlocker blocker(m_versions);
    const QLocale locale;
    m_versions->clear();
    for (const SegmentVersion &v : versions) {
        const QDateTime at = QDateTime::fromSecsSinceEpoch(v.savedAt).toLocalTime();
        m_versions->addItem(tr("Version %1, saved by %2 on %3").arg(v.version).arg(v.savedBy, locale.toString(at, QLocale::ShortFormat)),
                            v.version);
    }
    const int at = m_versions->findData(current);
    m_versions->setCurrentIndex(at < 0 ? m_versions->count() - 1 : at);
    m_versions->setEnabled(!versions.isEmpty());
}

void SegmentStoreBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SegmentStoreBar::retranslateUi()
{
    m_openLabel->setText(tr("&Open:"));
    m_open->setToolTip(tr("A saved segment to edit (%1)").arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));
    if (m_open->count() > 0 && m_open->itemData(0).toString().isEmpty())
        m_open->setItemText(0, tr("New segment"));
    m_versionLabel->setText(tr("&Version:"));
    m_nameLabel->setText(tr("Na&me:"));
    m_descriptionLabel->setText(tr("Descri&ption:"));
    m_controlLabel->setText(tr("Control &group:"));
    m_control->setSuffix(QLocale().percent());
    m_control->setToolTip(tr("The share of members held back from a campaign to measure it"));
    m_save->setText(tr("&Save"));
    m_save->setToolTip(tr("Save the segment; a changed definition becomes a new version (%1)")
                           .arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
}

} // namespace Ud::Segments
