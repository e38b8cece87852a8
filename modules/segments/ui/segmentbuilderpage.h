#pragma once

#include <segments/segmentdefinition.h>
#include <segments/segmentquery.h>

#include <core/querycancel.h>
#include <core/usercontext.h>
#include <rules/attributeregistry.h>

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QThreadPool;
class QTimer;
class QTreeView;

namespace Ud::Core {
class Database;
}
namespace Ud::Ui {
class FieldMessage;
class LoadState;
class MessageBar;
class TableView;
} // namespace Ud::Ui

namespace Ud::Segments {

class DistributionView;
class FunnelModel;
class PreviewModel;
class RuleTreeModel;
class SegmentService;
class SegmentStoreBar;

/// The segment builder: the rule as a condition tree (left) and as text (right), kept in
/// sync, with what the rule picks below: the live member count, the funnel, a preview of the
/// members and a distribution chart. Editing the tree rewrites the text (RulePrinter);
/// editing the text re-parses it after a short pause and rebuilds the tree, and a text that
/// does not parse shows the parser's positioned message under it while the tree, and the
/// figures marked as not current, stay those of the last good rule. Every edit restarts the
/// count ~300 ms later in the background and cancels the one running (Core::QueryCancel),
/// so the count shown is always the current rule's, or says it is being counted.
class SegmentBuilderPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int ParseDelayMs = 300;
    static constexpr int CountDelayMs = 300;

    /// `segments` saves and opens segments (the bar at the top).
    SegmentBuilderPage(Core::Database &database, const SegmentQuery &query, SegmentService &segments,
                       const Core::UserContext &user, QWidget *parent = nullptr);
    ~SegmentBuilderPage() override;

    /// The rule text as typed.
    QString ruleText() const;
    void setRuleText(const QString &text);
    /// Starts a new segment: an empty rule and no name, lists or history.
    void newSegment();
    /// The segment as built: the last rule that parsed, with the name, description, control
    /// percent and static lists of the bar at the top.
    SegmentDefinition definition() const;
    /// Saves the rule on screen (Ctrl+S); a rule that does not read is refused in the message bar.
    void save();
    SegmentStoreBar *storeBar() const { return m_store; }
    /// The last rule that parsed; nullopt when the text is empty.
    std::optional<Rules::Rule> rule() const { return m_rule; }

    /// The count shown (nullopt while there is none), and whether it is that of the text on
    /// screen (false while counting or while the text does not parse).
    std::optional<qint64> shownCount() const { return m_shownCount; }
    bool isCountCurrent() const { return m_countCurrent; }
    QString countText() const;
    /// The parse error under the text, empty when the text parses.
    QString ruleError() const;

    RuleTreeModel *treeModel() const { return m_tree; }
    QTreeView *treeView() const { return m_treeView; }
    FunnelModel *funnelModel() const { return m_funnel; }
    PreviewModel *previewModel() const { return m_preview; }
    Ui::TableView *previewView() const { return m_previewView; }
    DistributionView *distributionView() const { return m_distribution; }

signals:
    /// The count, funnel and first preview page of the current rule are on screen.
    void countShown();
    void funnelShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void textEdited();
    void parseText(bool rebuildTree);
    void treeEdited();
    void startQueries();
    void cancelQueries();
    void showCount();
    void updateActions();
    void retranslateUi();
    QModelIndex currentTreeIndex() const;

    Core::Database &m_database;
    const SegmentQuery &m_query;
    Core::UserContext m_user;
    Rules::AttributeRegistry m_registry;
    /// The page's own workers: counts may run long, and must not hold up Qt's global pool.
    std::unique_ptr<QThreadPool> m_pool;
    SegmentStoreBar *m_store;

    std::optional<Rules::Rule> m_rule;
    bool m_textValid = true;
    bool m_settingText = false;
    std::optional<qint64> m_shownCount;
    std::optional<Rules::Rule> m_countedRule; ///< the rule m_shownCount belongs to
    bool m_countCurrent = false;
    bool m_counting = false;
    QString m_countError;
    std::shared_ptr<Core::QueryCancel> m_cancel;
    quint64 m_generation = 0;

    QTimer *m_parseTimer;
    QTimer *m_countTimer;
    Ui::MessageBar *m_message;
    QLabel *m_treeLabel;
    RuleTreeModel *m_tree;
    QTreeView *m_treeView;
    QPushButton *m_addCondition;
    QPushButton *m_addAnd;
    QPushButton *m_addOr;
    QPushButton *m_not;
    QPushButton *m_delete;
    QLabel *m_textLabel;
    QPlainTextEdit *m_text;
    Ui::FieldMessage *m_textError;
    QLabel *m_count;
    Ui::LoadState *m_results;
    QLabel *m_funnelLabel;
    FunnelModel *m_funnel;
    Ui::TableView *m_funnelView;
    QLabel *m_previewLabel;
    PreviewModel *m_preview;
    Ui::TableView *m_previewView;
    DistributionView *m_distribution;
};

} // namespace Ud::Segments
