#include "segmentbuilderpage.h"

#include "distributionview.h"
#include "funnelmodel.h"
#include "previewmodel.h"
#include "ruletreedelegate.h"
#include "ruletreemodel.h"
#include "segmentstorebar.h"

#include <core/database.h>
#include <core/error.h>
#include <core/ui/background.h>
#include <core/ui/loadstate.h>
#include <core/ui/messagebar.h>
#include <core/ui/tableview.h>
#include <rules/ruleparser.h>
#include <rules/ruleprinter.h>

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QFontMetrics>
#include <QSplitter>
#include <QTextDocument>
#include <QStyledItemDelegate>
#include <QThreadPool>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Ud::Segments {

namespace {

/// Draws the funnel's "still in" cell over a bar as long as its share of all customers, in
/// the palette's highlight blended into the base colour (so it follows light and dark themes)
/// behind the number, which carries the meaning on its own.
class BarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QVariant share = index.data(FunnelModel::BarRole);
        if (share.isValid()) {
            const QColor accent = option.palette.color(QPalette::Highlight);
            const QColor base = option.palette.color(QPalette::Base);
            const QColor bar = QColor::fromRgbF(base.redF() * 0.6f + accent.redF() * 0.4f, base.greenF() * 0.6f + accent.greenF() * 0.4f,
                                                base.blueF() * 0.6f + accent.blueF() * 0.4f);
            QRect r = option.rect.adjusted(0, option.rect.height() / 6, 0, -option.rect.height() / 6);
            r.setWidth(int(r.width() * qBound(0.0, share.toDouble(), 1.0)));
            painter->fillRect(r, bar);
        }
        QStyledItemDelegate::paint(painter, option, index);
    }
};

} // namespace

SegmentBuilderPage::SegmentBuilderPage(Core::Database &database, const SegmentQuery &query, SegmentService &segments,
                                       const Core::UserContext &user, QWidget *parent)
    : QWidget(parent), m_database(database), m_query(query), m_user(user), m_registry(query.registry()),
      m_pool(std::make_unique<QThreadPool>()),
      m_store(new SegmentStoreBar(m_pool.get(), database, segments, user, this)), m_parseTimer(new QTimer(this)), m_countTimer(new QTimer(this)), m_message(new Ui::MessageBar(this)),
      m_treeLabel(new QLabel(this)), m_tree(new RuleTreeModel(m_registry, QDate::currentDate(), this)),
      m_treeView(new QTreeView(this)), m_addCondition(new QPushButton(this)), m_addAnd(new QPushButton(this)),
      m_addOr(new QPushButton(this)), m_not(new QPushButton(this)), m_delete(new QPushButton(this)),
      m_textLabel(new QLabel(this)), m_text(new QPlainTextEdit(this)), m_textError(nullptr), m_count(new QLabel(this)),
      m_results(nullptr), m_funnelLabel(new QLabel), m_funnel(new FunnelModel(this)), m_funnelView(new Ui::TableView),
      m_previewLabel(new QLabel), m_preview(new PreviewModel(m_pool.get(), database, query, user, this)), m_previewView(new Ui::TableView),
      m_distribution(nullptr)
{
    setObjectName(QStringLiteral("segmentBuilderPage"));
    m_parseTimer->setSingleShot(true);
    m_parseTimer->setInterval(ParseDelayMs);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(CountDelayMs);
    // A count, the funnel after it, a preview page and a chart can run together.
    m_pool->setMaxThreadCount(3);

    m_treeView->setObjectName(QStringLiteral("conditionTree"));
    m_treeView->setModel(m_tree);
    m_treeView->setItemDelegate(new RuleTreeDelegate(m_treeView));
    m_treeView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                | QAbstractItemView::SelectedClicked);
    m_treeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_treeView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_treeLabel->setBuddy(m_treeView);
    m_addCondition->setObjectName(QStringLiteral("addCondition"));
    m_addAnd->setObjectName(QStringLiteral("addAndGroup"));
    m_addOr->setObjectName(QStringLiteral("addOrGroup"));
    m_not->setObjectName(QStringLiteral("toggleNot"));
    m_delete->setObjectName(QStringLiteral("deleteCondition"));

    m_text->setObjectName(QStringLiteral("ruleText"));
    m_text->setTabChangesFocus(true);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_textLabel->setBuddy(m_text);
    m_textError = new Ui::FieldMessage(m_text, this);
    m_textError->setObjectName(QStringLiteral("ruleError"));
    m_count->setObjectName(QStringLiteral("memberCount"));
    QFont big = m_count->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_count->setFont(big);
    m_count->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_funnelView->setObjectName(QStringLiteral("funnel"));
    m_funnelView->setModel(m_funnel);
    m_funnelView->setItemDelegateForColumn(FunnelModel::RemainingColumn, new BarDelegate(m_funnelView));
    // The figures as wide as they need, the condition text gets the rest.
    m_funnelView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_funnelView->horizontalHeader()->setSectionResizeMode(FunnelModel::ConditionColumn, QHeaderView::Stretch);
    m_funnelView->verticalHeader()->hide();
    m_funnelLabel->setBuddy(m_funnelView);
    m_previewView->setObjectName(QStringLiteral("preview"));
    m_previewView->setModel(m_preview);
    m_previewView->horizontalHeader()->setStretchLastSection(true);
    m_previewView->verticalHeader()->hide();
    m_previewLabel->setBuddy(m_previewView);

    // Layout: message bar and store bar; on the left the rule text (a few lines, it is short)
    // with the count over the condition tree, on the right the results stacked: funnel, chart
    // and the member list, each tall enough to read.
    auto *treeButtons = new QHBoxLayout;
    for (QPushButton *b : {m_addCondition, m_addAnd, m_addOr, m_not, m_delete})
        treeButtons->addWidget(b);
    treeButtons->addStretch(1);
    const QFontMetrics metrics(m_text->font());
    m_text->setMaximumHeight(metrics.lineSpacing() * 6 + 2 * m_text->frameWidth() + int(m_text->document()->documentMargin() * 2));
    auto *editors = new QWidget;
    editors->setObjectName(QStringLiteral("builderEditors"));
    auto *editorsLayout = new QVBoxLayout(editors);
    editorsLayout->setContentsMargins(0, 0, 0, 0);
    editorsLayout->addWidget(m_textLabel);
    editorsLayout->addWidget(m_text);
    editorsLayout->addWidget(m_textError);
    editorsLayout->addWidget(m_count);
    editorsLayout->addSpacing(metrics.lineSpacing() / 2);
    editorsLayout->addWidget(m_treeLabel);
    editorsLayout->addWidget(m_treeView, 1);
    editorsLayout->addLayout(treeButtons);

    auto *funnelPane = new QWidget;
    auto *funnelLayout = new QVBoxLayout(funnelPane);
    funnelLayout->setContentsMargins(0, 0, 0, 0);
    funnelLayout->addWidget(m_funnelLabel);
    funnelLayout->addWidget(m_funnelView, 1);
    auto *previewPane = new QWidget;
    auto *previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(m_previewLabel);
    previewLayout->addWidget(m_previewView, 1);
    m_distribution = new DistributionView(m_pool.get(), database, query, user, m_registry);
    auto *results = new QSplitter(Qt::Vertical);
    results->setObjectName(QStringLiteral("builderResults"));
    results->setChildrenCollapsible(false);
    results->addWidget(funnelPane);
    results->addWidget(m_distribution);
    results->addWidget(previewPane);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 4);
    results->setStretchFactor(2, 3);
    results->setSizes({300, 400, 300});
    m_results = new Ui::LoadState(results, this);
    m_results->setObjectName(QStringLiteral("builderResultsState"));

    auto *main = new QSplitter(Qt::Horizontal);
    main->setObjectName(QStringLiteral("builderSplitter"));
    main->setChildrenCollapsible(false);
    main->addWidget(editors);
    main->addWidget(m_results);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 1);
    main->setSizes({500, 500});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_store);
    layout->addWidget(main, 1);
    m_message->hide();

    // Keyboard: Insert adds a condition, Delete removes the selected one, F2 edits.
    auto *addAction = new QAction(m_treeView);
    addAction->setShortcut(QKeySequence(Qt::Key_Insert));
    addAction->setShortcutContext(Qt::WidgetShortcut);
    m_treeView->addAction(addAction);
    auto *deleteAction = new QAction(m_treeView);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_treeView->addAction(deleteAction);

    auto select = [this](const QModelIndex &index) {
        m_treeView->expandAll();
        if (index.isValid())
            m_treeView->setCurrentIndex(index);
    };
    auto add = [this, select] { select(m_tree->addCondition(currentTreeIndex())); };
    connect(m_addCondition, &QPushButton::clicked, this, add);
    connect(addAction, &QAction::triggered, this, add);
    connect(m_addAnd, &QPushButton::clicked, this,
            [this, select] { select(m_tree->addGroup(currentTreeIndex(), RuleTreeModel::NodeKind::And)); });
    connect(m_addOr, &QPushButton::clicked, this,
            [this, select] { select(m_tree->addGroup(currentTreeIndex(), RuleTreeModel::NodeKind::Or)); });
    connect(m_not, &QPushButton::clicked, this, [this, select] { select(m_tree->toggleNot(currentTreeIndex())); });
    auto remove = [this] { m_tree->remove(currentTreeIndex()); };
    connect(m_delete, &QPushButton::clicked, this, remove);
    connect(deleteAction, &QAction::triggered, this, remove);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { updateActions(); });
    connect(m_tree, &QAbstractItemModel::modelReset, this, [this] { updateActions(); });
    connect(m_tree, &RuleTreeModel::ruleEdited, this, &SegmentBuilderPage::treeEdited);
    connect(m_tree, &RuleTreeModel::editRejected, this,
            [this](const QString &message) { m_message->showMessage(Ui::MessageBar::Type::Warning, message); });
    // Save (Ctrl+S) and Open (Ctrl+O) while the page has focus, as its buttons do.
    auto *saveAction = new QAction(this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addAction(saveAction);
    connect(saveAction, &QAction::triggered, this, &SegmentBuilderPage::save);
    connect(m_store, &SegmentStoreBar::saveRequested, this, &SegmentBuilderPage::save);
    auto *openAction = new QAction(this);
    openAction->setShortcut(QKeySequence::Open);
    openAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addAction(openAction);
    connect(openAction, &QAction::triggered, this, [this] {
        m_store->openBox()->setFocus();
        m_store->openBox()->showPopup();
    });
    connect(m_store, &SegmentStoreBar::loaded, this, [this](const SegmentDefinition &definition) {
        m_message->dismiss();
        setRuleText(definition.ruleText);
    });
    connect(m_store, &SegmentStoreBar::failed, this, [this](const QString &message) { m_message->showError(message); });
    connect(m_text, &QPlainTextEdit::textChanged, this, &SegmentBuilderPage::textEdited);
    connect(m_parseTimer, &QTimer::timeout, this, [this] { parseText(true); });
    connect(m_countTimer, &QTimer::timeout, this, &SegmentBuilderPage::startQueries);
    connect(m_preview, &PreviewModel::failed, this,
            [this](const QString &message) { m_message->showError(tr("Could not list the members: %1").arg(message)); });
    connect(m_preview, &PreviewModel::loadingChanged, this, [this] { retranslateUi(); });
    connect(m_preview, &QAbstractItemModel::rowsInserted, this, [this] { retranslateUi(); });
    connect(m_preview, &QAbstractItemModel::modelReset, this, [this] { retranslateUi(); });

    retranslateUi();
    parseText(true);
}

SegmentBuilderPage::~SegmentBuilderPage()
{
    // Stop what runs (it reads the query service and the database, not the page) and wait.
    cancelQueries();
    m_preview->clear();
    m_distribution->clear();
    m_pool->waitForDone();
}

QString SegmentBuilderPage::ruleText() const
{
    return m_text->toPlainText();
}

void SegmentBuilderPage::setRuleText(const QString &text)
{
    m_text->setPlainText(text);
}

void SegmentBuilderPage::newSegment()
{
    m_store->startNew();
    setRuleText(QString());
    m_text->setFocus(Qt::OtherFocusReason);
}

SegmentDefinition SegmentBuilderPage::definition() const
{
    return m_store->definition(m_rule ? Rules::RulePrinter::text(*m_rule) : QString());
}

void SegmentBuilderPage::save()
{
    // Only a rule that reads is saved, and the one on screen, not the last good one.
    parseText(true);
    if (!m_textValid) {
        m_message->showError(tr("The rule cannot be saved yet: %1").arg(m_textError->message()));
        m_text->setFocus();
        return;
    }
    if (!m_rule) {
        m_message->showError(tr("The segment has no rule yet: add a condition, then save."));
        m_text->setFocus();
        return;
    }
    m_message->dismiss();
    m_store->save(Rules::RulePrinter::text(*m_rule));
}

QString SegmentBuilderPage::countText() const
{
    return m_count->text();
}

QString SegmentBuilderPage::ruleError() const
{
    return m_textError->message();
}

QModelIndex SegmentBuilderPage::currentTreeIndex() const
{
    const QModelIndex current = m_treeView->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0) : QModelIndex();
}

void SegmentBuilderPage::textEdited()
{
    if (m_settingText)
        return;
    // What is shown is now the figure of an older text: say so until the new count is in.
    m_countCurrent = false;
    showCount();
    m_parseTimer->start();
}

void SegmentBuilderPage::parseText(bool rebuildTree)
{
    m_parseTimer->stop();
    const QString text = m_text->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_textValid = true;
        m_textError->setMessage({});
        m_rule.reset();
        if (rebuildTree && !m_tree->isEmpty())
            m_tree->setRule(std::nullopt);
        cancelQueries();
        m_shownCount.reset();
        m_countedRule.reset();
        m_countCurrent = false;
        m_countError.clear();
        m_funnel->clear();
        m_preview->clear();
        m_distribution->clear();
        m_results->showEmpty(tr("No rule yet. Add a condition to the tree, or type a rule such as %1.")
                                 .arg(QStringLiteral("class = \"residential\" and has appliance \"solar_pv\"")),
                             tr("&Add condition"), [this] { m_addCondition->click(); });
        showCount();
        return;
    }
    try {
        Rules::Rule rule = Rules::RuleParser::parse(text, m_registry);
        m_textValid = true;
        m_textError->setMessage({});
        const bool changed = !m_rule || !(*m_rule == rule);
        m_rule = std::move(rule);
        if (rebuildTree && (!m_tree->rule() || !(*m_tree->rule() == *m_rule))) {
            m_tree->setRule(m_rule);
            m_treeView->expandAll();
        }
        m_results->showContent();
        if (m_countedRule && *m_countedRule == *m_rule && m_shownCount && m_countError.isEmpty()) {
            // Back to the rule whose count is on screen (a space typed and removed).
            m_countTimer->stop();
            cancelQueries();
            m_countCurrent = true;
            showCount();
        } else if (changed || !m_countCurrent) {
            // A count of the previous rule must not arrive and pass for this one's.
            cancelQueries();
            if (rebuildTree)
                startQueries();  // the pause was the parse delay already
            else
                m_countTimer->start();
        }
    } catch (const Core::Error &e) {
        // The tree and the figures stay those of the last good rule, marked as not current.
        m_textValid = false;
        m_textError->setMessage(e.message());
        m_countTimer->stop();
        cancelQueries();
        m_countCurrent = false;
        showCount();
    }
}

void SegmentBuilderPage::treeEdited()
{
    m_message->dismiss();
    const std::optional<Rules::Rule> rule = m_tree->rule();
    m_settingText = true;
    m_text->setPlainText(rule ? Rules::RulePrinter::text(*rule) : QString());
    m_settingText = false;
    m_countCurrent = false;
    showCount();
    parseText(false);
}

void SegmentBuilderPage::cancelQueries()
{
    if (m_cancel)
        m_cancel->cancel();
    m_cancel.reset();
    ++m_generation;
    m_counting = false;
}

void SegmentBuilderPage::startQueries()
{
    m_countTimer->stop();
    if (!m_rule || !m_textValid)
        return;
    cancelQueries();
    m_cancel = Core::QueryCancel::create();
    const quint64 generation = m_generation;
    m_counting = true;
    m_countCurrent = false;
    m_countError.clear();
    showCount();
    const SegmentDefinition definition = this->definition();
    const SegmentQuery *query = &m_query;
    const Core::UserContext user = m_user;
    const std::shared_ptr<Core::QueryCancel> cancel = m_cancel;
    const std::optional<Rules::Rule> counted = m_rule;
    Ui::runInBackground(
        m_pool.get(), m_database, this, [query, user, definition, cancel] { return query->count(user, definition, cancel.get()); },
        [this, generation, query, user, definition, cancel, counted](qint64 count) {
            if (generation != m_generation)
                return;
            m_counting = false;
            m_shownCount = count;
            m_countedRule = counted;
            m_countCurrent = true;
            showCount();
            emit countShown();
            // After the count: the funnel's steps first (each customer tested only until a
            // condition drops them), then every condition's own outcomes, which test every
            // condition for every customer.
            const auto failed = [this, generation](const QString &message) {
                if (generation == m_generation)
                    m_message->showError(tr("Could not work out the funnel: %1").arg(message));
            };
            Ui::runInBackground(
                m_pool.get(), m_database, this,
                [query, user, definition, cancel] { return query->funnel(user, definition, cancel.get(), FunnelDetail::Steps); },
                [this, generation, query, user, definition, cancel, failed](const Funnel &steps) {
                    if (generation != m_generation)
                        return;
                    m_funnel->setFunnel(steps);
                    Ui::runInBackground(
                        m_pool.get(), m_database, this,
                        [query, user, definition, cancel] {
                            return query->funnel(user, definition, cancel.get(), FunnelDetail::StepsAndOutcomes);
                        },
                        [this, generation](const Funnel &funnel) {
                            if (generation != m_generation)
                                return;
                            m_funnel->setFunnel(funnel);
                            emit funnelShown();
                        },
                        failed);
                },
                failed);
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            m_counting = false;
            m_countError = message;
            showCount();
        });
    m_preview->setDefinition(definition);
    m_distribution->setDefinition(definition);
}

void SegmentBuilderPage::showCount()
{
    const QLocale locale;
    QString text;
    if (!m_rule && m_textValid) {
        text = tr("No rule yet");
    } else if (!m_countError.isEmpty()) {
        text = tr("Could not count: %1").arg(m_countError);
    } else if (m_counting || (m_textValid && !m_countCurrent)) {
        text = m_shownCount ? tr("Counting… (was %Ln member(s))", nullptr, int(qMin<qint64>(*m_shownCount, INT_MAX)))
                            : tr("Counting…");
    } else if (!m_textValid) {
        text = m_shownCount ? tr("%Ln member(s) for the last valid rule, not the text shown", nullptr,
                                 int(qMin<qint64>(*m_shownCount, INT_MAX)))
                            : tr("No count: the rule does not read yet");
    } else if (m_shownCount) {
        text = tr("%Ln member(s)", nullptr, int(qMin<qint64>(*m_shownCount, INT_MAX)));
    }
    m_count->setText(text);
    // Not only the words: a figure that is not current is also shown disabled.
    m_count->setEnabled(m_countCurrent && m_countError.isEmpty());
}

void SegmentBuilderPage::updateActions()
{
    const bool selected = currentTreeIndex().isValid();
    m_not->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void SegmentBuilderPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SegmentBuilderPage::retranslateUi()
{
    m_treeLabel->setText(tr("Condition &tree:"));
    m_addCondition->setText(tr("Add &condition"));
    m_addCondition->setToolTip(tr("Add a condition to the selected group (%1)").arg(QKeySequence(Qt::Key_Insert).toString(QKeySequence::NativeText)));
    m_addAnd->setText(tr("Add a&ll-of group"));
    m_addAnd->setToolTip(tr("A group whose conditions must all be true (and)"));
    m_addOr->setText(tr("Add an&y-of group"));
    m_addOr->setToolTip(tr("A group of which one condition is enough (or)"));
    m_not->setText(tr("&Not"));
    m_not->setToolTip(tr("Turn the selected condition or group into its opposite, or back"));
    m_delete->setText(tr("&Delete"));
    m_delete->setToolTip(tr("Remove the selected condition or group (%1)").arg(QKeySequence(QKeySequence::Delete).toString(QKeySequence::NativeText)));
    m_textLabel->setText(tr("&Rule:"));
    m_text->setPlaceholderText(tr("Type a rule, such as %1").arg(QStringLiteral("class = \"residential\" and household_size >= 3")));
    m_funnelLabel->setText(tr("&Funnel: customers still in after each condition"));
    const QLocale locale;
    if (m_preview->isLoading())
        m_previewLabel->setText(tr("L&ist of members: loading…"));
    else
        m_previewLabel->setText(tr("L&ist of members: %1 shown by name; scroll for more").arg(locale.toString(m_preview->rowCount())));
    updateActions();
    showCount();
}

} // namespace Ud::Segments
