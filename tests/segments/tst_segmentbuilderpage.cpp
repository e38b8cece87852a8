#include "../accounts/accountsfixture.h"

#include <core/ui/loadstate.h>
#include <core/ui/tableview.h>
#include <demo/generator.h>
#include <rules/attributecatalog.h>
#include <rules/attributesql.h>
#include <core/ui/messagebar.h>
#include <segments/segmentquery.h>
#include <segments/segmentservice.h>
#include <segments/segmentsmodule.h>
#include <segments/ui/distributionview.h>
#include <segments/ui/funnelmodel.h>
#include <segments/ui/previewmodel.h>
#include <segments/ui/ruletreemodel.h>
#include <segments/ui/segmentbuilderpage.h>
#include <segments/ui/segmentstorebar.h>

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTest>
#include <QTreeView>

using namespace Ud;
using Segments::RuleTreeModel;
using Segments::SegmentBuilderPage;
using Test::AccountsFixture;

namespace {

/// A demo town of 400 customers and the segments module over it.
struct Town
{
    explicit Town(Core::Database &db) : f(db), segments(f.module)
    {
        Demo::Options options;
        options.customers = 400;
        options.intervalData = false;
        options.days = 30;
        options.seed = 5;
        Demo::Generator(f.context).run(Core::UserContext::operatingSystemUser(), options);
        segments.initialize(f.context);
    }
    qint64 count(const QString &rule)
    {
        Segments::SegmentDefinition d;
        d.ruleText = rule;
        return segments.query().count(AccountsFixture::businessUser(), d);
    }
    std::unique_ptr<SegmentBuilderPage> page()
    {
        auto page = std::make_unique<SegmentBuilderPage>(f.database, segments.query(), segments.segments(), AccountsFixture::businessUser());
        page->resize(1200, 800);
        page->show();
        return page;
    }

    AccountsFixture f;
    Segments::SegmentsModule segments;
};

QModelIndex child(const QAbstractItemModel &model, const QModelIndex &parent, int row, int column = 0)
{
    return model.index(row, column, parent);
}

/// Waits until the page shows a current count and the funnel of that rule.
bool settle(SegmentBuilderPage &page, int funnelRows)
{
    return QTest::qWaitFor([&] {
        return page.isCountCurrent() && page.funnelModel()->rowCount() == funnelRows && page.funnelModel()->hasOutcomes();
    }, 10000);
}

} // namespace

class TestSegmentBuilderPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::installTestMasterKey(); }

    void startsEmptyAndOffersTheFirstCondition_data() { Test::addBackendRows(); }
    void startsEmptyAndOffersTheFirstCondition()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        auto page = town.page();
        auto *results = page->findChild<Ui::LoadState *>(QStringLiteral("builderResultsState"));
        QVERIFY(results);
        QCOMPARE(results->state(), Ui::LoadState::State::Empty);
        QVERIFY(results->text().startsWith(QLatin1String("No rule yet.")));
        QCOMPARE(page->countText(), QStringLiteral("No rule yet"));
        QVERIFY(!page->shownCount());
        // The empty state's button adds the first condition: the first attribute, its first value.
        results->actionButton()->click();
        QCOMPARE(page->ruleText(), QStringLiteral("class = \"residential\""));
        QCOMPARE(results->state(), Ui::LoadState::State::Content);
        QTRY_VERIFY(page->isCountCurrent());
        QCOMPARE(*page->shownCount(), town.count(QStringLiteral("class = \"residential\"")));
    }

    void typingARuleUpdatesTreeCountAndFunnel_data() { Test::addBackendRows(); }
    void typingARuleUpdatesTreeCountAndFunnel()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        auto page = town.page();
        const QString rule = QStringLiteral("class = \"residential\" and household_size >= 3 and not has vulnerability \"life_support\"");
        auto *text = page->findChild<QPlainTextEdit *>(QStringLiteral("ruleText"));
        text->setFocus();
        QTest::keyClicks(text, rule);
        QVERIFY(settle(*page, 4));
        const qint64 members = town.count(rule);
        QVERIFY(members > 0);
        QCOMPARE(*page->shownCount(), members);
        QCOMPARE(page->countText(), QStringLiteral("%1 member(s)").arg(QLocale().toString(members)));

        // The tree: an AND of three, the last a NOT over the has condition.
        const RuleTreeModel &tree = *page->treeModel();
        QCOMPARE(tree.rowCount(), 1);
        const QModelIndex top = tree.index(0, 0);
        QCOMPARE(tree.kindAt(top), RuleTreeModel::NodeKind::And);
        QCOMPARE(tree.rowCount(top), 3);
        QCOMPARE(child(tree, top, 0).data().toString(), QStringLiteral("class"));
        QCOMPARE(child(tree, top, 0, RuleTreeModel::ValueColumn).data().toString(), QStringLiteral("\"residential\""));
        QCOMPARE(child(tree, top, 1, RuleTreeModel::OperatorColumn).data().toString(), QStringLiteral(">="));
        QCOMPARE(child(tree, top, 1, RuleTreeModel::ValueColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(tree.kindAt(child(tree, top, 2)), RuleTreeModel::NodeKind::Not);
        QCOMPARE(child(tree, child(tree, top, 2), 0).data().toString(), QStringLiteral("has vulnerability"));

        // The funnel: everybody, then what each condition keeps with the ones before it.
        const Segments::FunnelModel &funnel = *page->funnelModel();
        const QStringList partial{QStringLiteral("class = \"residential\""),
                                  QStringLiteral("class = \"residential\" and household_size >= 3"), rule};
        QCOMPARE(funnel.index(0, Segments::FunnelModel::RemainingColumn).data(Qt::EditRole).toLongLong(), qint64(400));
        for (int i = 0; i < partial.size(); ++i) {
            QCOMPARE(funnel.index(i + 1, Segments::FunnelModel::RemainingColumn).data(Qt::EditRole).toLongLong(),
                     town.count(partial.at(i)));
        }
        QCOMPARE(funnel.index(3, Segments::FunnelModel::ConditionColumn).data().toString(),
                 QStringLiteral("not has vulnerability \"life_support\""));
        QCOMPARE(funnel.index(2, Segments::FunnelModel::TrueColumn).data().toString(),
                 QLocale().toString(town.count(QStringLiteral("household_size >= 3"))));
    }

    void editingTheTreeRewritesTheText_data() { Test::addBackendRows(); }
    void editingTheTreeRewritesTheText()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        auto page = town.page();
        page->setRuleText(QStringLiteral("class = \"residential\""));
        QVERIFY(settle(*page, 2));
        RuleTreeModel &tree = *page->treeModel();
        QTreeView *view = page->treeView();

        // Inline: the value editor of an enum lists its values.
        const QModelIndex value = tree.index(0, RuleTreeModel::ValueColumn);
        view->setCurrentIndex(value);
        view->edit(value);
        auto *values = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(values);
        QCOMPARE(values->currentText(), QStringLiteral("residential"));
        values->setCurrentIndex(values->findText(QStringLiteral("commercial")));
        QTest::keyClick(values, Qt::Key_Return);
        QTRY_COMPARE(page->ruleText(), QStringLiteral("class = \"commercial\""));
        QVERIFY(!page->isCountCurrent());
        QTRY_VERIFY(page->isCountCurrent());
        QCOMPARE(*page->shownCount(), town.count(QStringLiteral("class = \"commercial\"")));

        // Add a condition (Insert), pick its attribute and operator inline, type its value.
        view->setFocus();
        view->setCurrentIndex(tree.index(0, 0));
        QTest::keyClick(view, Qt::Key_Insert);
        QCOMPARE(page->ruleText(), QStringLiteral("class = \"commercial\" and class = \"residential\""));
        const QModelIndex added = tree.index(1, 0, tree.index(0, 0));
        view->edit(added);
        auto *attributes = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(attributes);
        attributes->setCurrentIndex(attributes->findData(QStringLiteral("region")));
        QTest::keyClick(attributes, Qt::Key_Return);
        QTRY_COMPARE(page->ruleText(), QStringLiteral("class = \"commercial\" and region = \"\""));
        const QModelIndex op = added.siblingAtColumn(RuleTreeModel::OperatorColumn);
        view->edit(op);
        auto *ops = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(ops);
        ops->setCurrentIndex(ops->findText(QStringLiteral("in")));
        QTest::keyClick(ops, Qt::Key_Return);
        QTRY_COMPARE(page->ruleText(), QStringLiteral("class = \"commercial\" and region in (\"\")"));
        QVERIFY(tree.setData(added.siblingAtColumn(RuleTreeModel::ValueColumn), QStringLiteral("\"north\", \"east\"")));
        QCOMPARE(page->ruleText(), QStringLiteral("class = \"commercial\" and region in (\"north\", \"east\")"));

        // NOT and delete.
        view->setCurrentIndex(added);
        page->findChild<QPushButton *>(QStringLiteral("toggleNot"))->click();
        QCOMPARE(page->ruleText(), QStringLiteral("class = \"commercial\" and not region in (\"north\", \"east\")"));
        QTRY_VERIFY(page->isCountCurrent());
        QCOMPARE(*page->shownCount(), town.count(page->ruleText()));
        view->setCurrentIndex(tree.index(1, 0, tree.index(0, 0)));
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(page->ruleText(), QStringLiteral("class = \"commercial\""));

        // A value the attribute cannot take is refused with what to enter; the text stays.
        QVERIFY(!tree.setData(tree.index(0, RuleTreeModel::ValueColumn, tree.index(0, 0)), QStringLiteral("\"domestic\"")));
        QCOMPARE(page->ruleText(), QStringLiteral("class = \"commercial\""));
    }

    void aBadRuleShowsWhereAndKeepsTheLastCount_data() { Test::addBackendRows(); }
    void aBadRuleShowsWhereAndKeepsTheLastCount()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        auto page = town.page();
        page->setRuleText(QStringLiteral("class = \"residential\""));
        QVERIFY(settle(*page, 2));
        const qint64 homes = *page->shownCount();
        page->setRuleText(QStringLiteral("class = and region = \"north\""));
        QTRY_COMPARE(page->ruleError(), QStringLiteral("Position 9: expected a value after \"=\", such as \"residential\" or 500."));
        QVERIFY(!page->isCountCurrent());
        QCOMPARE(*page->shownCount(), homes);
        QCOMPARE(page->countText(),
                 QStringLiteral("%1 member(s) for the last valid rule, not the text shown").arg(QLocale().toString(homes)));
        QVERIFY(!page->findChild<QLabel *>(QStringLiteral("memberCount"))->isEnabled());
        // The tree keeps the last good rule.
        QCOMPARE(page->treeModel()->index(0, RuleTreeModel::ValueColumn).data().toString(), QStringLiteral("\"residential\""));
        // Fixing the text clears the message and counts again.
        page->setRuleText(QStringLiteral("class = \"agricultural\""));
        QTRY_VERIFY(page->isCountCurrent());
        QVERIFY(page->ruleError().isEmpty());
        QCOMPARE(*page->shownCount(), town.count(QStringLiteral("class = \"agricultural\"")));
    }

    void rapidEditsEndWithTheCountOfTheLastRule_data() { Test::addBackendRows(); }
    void rapidEditsEndWithTheCountOfTheLastRule()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        // A condition that takes minutes to count (a cross join per customer), so only a real
        // cancel lets the last rule's count through in time.
        town.f.module.attributes().addProvider(QStringLiteral("slow"), [](Rules::AttributeRegistry &registry, const QDate &) {
            Rules::AttributeDefinition slow;
            slow.name = QStringLiteral("test.slow");
            slow.type = Rules::AttributeType::Integer;
            slow.sql = Rules::AttributeSql::column(QStringLiteral(
                "(SELECT COUNT(*) FROM customers x CROSS JOIN customers y CROSS JOIN customers z WHERE x.id <> %1.id)"));
            registry.addAttribute(slow);
        });
        auto page = town.page();
        QList<std::pair<QString, qint64>> shown;
        connect(page.get(), &SegmentBuilderPage::countShown, this,
                [&] { shown.append({page->ruleText(), *page->shownCount()}); });

        const QStringList rules{QStringLiteral("class = \"residential\""), QStringLiteral("test.slow > 0"),
                                QStringLiteral("test.slow > 0 and class = \"industrial\""), QStringLiteral("household_size > 2"),
                                QStringLiteral("test.slow > 1"), QStringLiteral("class = \"commercial\"")};
        for (const QString &rule : rules) {
            page->setRuleText(rule);
            // Some edits come faster than the pause, some after the count has started.
            QTest::qWait(rule.startsWith(QLatin1String("test.slow")) ? 700 : 100);
        }
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY(page->isCountCurrent());
        QVERIFY2(clock.elapsed() < 5000, "the slow counts were not cancelled");
        QCOMPARE(page->ruleText(), rules.last());
        QCOMPARE(*page->shownCount(), town.count(rules.last()));
        // Every count that was ever shown was that of the rule on screen at the time.
        QVERIFY(!shown.isEmpty());
        for (const auto &[rule, count] : std::as_const(shown)) {
            QVERIFY2(!rule.startsWith(QLatin1String("test.slow")), qPrintable(rule));
            QCOMPARE(count, town.count(rule));
        }
        QCOMPARE(shown.last().first, rules.last());
    }

    void previewFetchesMoreOnScroll_data() { Test::addBackendRows(); }
    void previewFetchesMoreOnScroll()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        auto page = town.page();
        const QString rule = QStringLiteral("household_size >= 1 or class = \"commercial\"");
        page->setRuleText(rule);
        const qint64 members = town.count(rule);
        QVERIFY2(members > Segments::PreviewModel::PageSize, qPrintable(QString::number(members)));
        Segments::PreviewModel &preview = *page->previewModel();
        QTRY_COMPARE(preview.rowCount(), Segments::PreviewModel::PageSize);
        QTest::qWait(100);
        QCOMPARE(preview.rowCount(), Segments::PreviewModel::PageSize); // nothing more until asked
        Ui::TableView *view = page->previewView();
        while (preview.rowCount() < members) {
            const int before = preview.rowCount();
            view->scrollToBottom();
            view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
            QTRY_VERIFY(preview.rowCount() > before);
        }
        QCOMPARE(qint64(preview.rowCount()), members);
        QVERIFY(!preview.canFetchMore({}));
        // In name order, the first page as the service gives it.
        const QList<Segments::PreviewRow> first = town.segments.query().preview(
            AccountsFixture::businessUser(), page->definition(), 0, 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(preview.index(i, Segments::PreviewModel::NameColumn).data().toString(), first.at(i).name);
            QCOMPARE(preview.index(i, Segments::PreviewModel::NumberColumn).data().toString(), first.at(i).customerNumber);
        }
    }

    void theChartShowsTheDistribution_data() { Test::addBackendRows(); }
    void theChartShowsTheDistribution()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        auto page = town.page();
        const QString rule = QStringLiteral("not has vulnerability \"life_support\"");
        page->setRuleText(rule);
        Segments::DistributionView &distribution = *page->distributionView();
        QCOMPARE(distribution.attribute(), QStringLiteral("class"));
        const qint64 members = town.count(rule);
        QTRY_COMPARE(distribution.distribution().members, members);
        auto *chartView = distribution.findChild<QChartView *>(QStringLiteral("distributionChart"));
        QVERIFY(chartView);
        auto *series = qobject_cast<QBarSeries *>(chartView->chart()->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->count(), 1);
        const QBarSet *bars = series->barSets().first();
        const QStringList categories = distribution.categories();
        QCOMPARE(categories.size(), bars->count());
        qreal sum = 0;
        for (int i = 0; i < bars->count(); ++i) {
            QCOMPARE(qint64(bars->at(i)), town.count(QStringLiteral("%1 and class = \"%2\"").arg(rule, categories.at(i))));
            sum += bars->at(i);
        }
        QCOMPARE(qint64(sum), members);
        QCOMPARE(chartView->chart()->title(), QStringLiteral("Members by class, today"));

        // Another attribute from the list: household size in ranges, plus the unknown bar.
        auto *pick = distribution.findChild<QComboBox *>(QStringLiteral("distributionAttribute"));
        pick->setCurrentIndex(pick->findData(QStringLiteral("household_size")));
        QTRY_COMPARE(distribution.distribution().attribute, QStringLiteral("household_size"));
        QTRY_VERIFY(!distribution.isLoading());
        const QBarSet *sizes = qobject_cast<QBarSeries *>(chartView->chart()->series().value(0))->barSets().first();
        sum = 0;
        for (int i = 0; i < sizes->count(); ++i)
            sum += sizes->at(i);
        QCOMPARE(qint64(sum), members);
        QCOMPARE(distribution.categories().last(), QStringLiteral("Unknown"));
        QCOMPARE(qint64(sizes->at(sizes->count() - 1)), distribution.distribution().unknown);
    }
    void savesOpensAndGoesBackAVersion_data() { Test::addBackendRows(); }
    void savesOpensAndGoesBackAVersion()
    {
        UD_TEST_DATABASE(t);
        Town town(t.db());
        const Core::UserContext user = AccountsFixture::businessUser();
        const QString homes = QStringLiteral("class = \"residential\"");
        const QString bigHomes = QStringLiteral("class = \"residential\" and household_size >= 3");
        {
            auto page = town.page();
            QVERIFY(QTest::qWaitForWindowActive(page.get()));
            Segments::SegmentStoreBar &bar = *page->storeBar();
            page->setRuleText(homes);
            QVERIFY(settle(*page, 2));
            // No name: said under the field, nothing saved.
            auto *text = page->findChild<QPlainTextEdit *>(QStringLiteral("ruleText"));
            text->setFocus();
            QTest::keySequence(text, QKeySequence::Save);
            QCOMPARE(bar.findChild<Ui::FieldMessage *>()->message(), QStringLiteral("Enter a name for the segment, up to 80 characters."));
            QCOMPARE(QApplication::focusWidget(), bar.nameEdit());
            QTest::keyClicks(bar.nameEdit(), QStringLiteral("Homes"));
            bar.findChild<QSpinBox *>(QStringLiteral("controlPercent"))->setValue(10);
            QTest::keySequence(bar.nameEdit(), QKeySequence::Save);
            QTRY_COMPARE(bar.status(), QStringLiteral("Version 1 saved."));
            const Segments::SegmentVersion first = town.segments.segments().load(user, QStringLiteral("Homes"));
            QCOMPARE(first.definition.ruleText, homes);
            QCOMPARE(first.definition.controlPercent, 10);

            // A changed rule is version 2; a rule that does not read is not saved.
            page->setRuleText(bigHomes);
            QVERIFY(settle(*page, 3));
            page->save();
            QTRY_COMPARE(bar.status(), QStringLiteral("Version 2 saved."));
            QTRY_COMPARE(bar.versionBox()->count(), 2);
            page->setRuleText(QStringLiteral("class = and region = \"north\""));
            page->save();
            QCOMPARE(page->findChild<Ui::MessageBar *>()->text(),
                     QStringLiteral("The rule cannot be saved yet: Position 9: expected a value after \"=\", such as \"residential\" or 500."));
            QCOMPARE(town.segments.segments().versions(user, QStringLiteral("Homes")).size(), 2);

            // Back to version 1 from the history: its rule, its count.
            emit bar.versionBox()->activated(0);
            QTRY_COMPARE(page->ruleText(), homes);
            QTRY_VERIFY(page->isCountCurrent());
            QCOMPARE(*page->shownCount(), town.count(homes));
            QCOMPARE(bar.status(), QStringLiteral("Version 1 of 2: saving makes it the current one again."));
        }
        // A new page opens the saved segment at its current version.
        auto page = town.page();
        Segments::SegmentStoreBar &bar = *page->storeBar();
        QTRY_COMPARE(bar.openBox()->count(), 2);
        const int at = bar.openBox()->findData(QStringLiteral("Homes"));
        QVERIFY(at > 0);
        emit bar.openBox()->activated(at);
        QTRY_COMPARE(page->ruleText(), bigHomes);
        QCOMPARE(bar.nameEdit()->text(), QStringLiteral("Homes"));
        QTRY_VERIFY(page->isCountCurrent());
        QCOMPARE(*page->shownCount(), town.count(bigHomes));
        QCOMPARE(page->definition().controlPercent, 10);
    }
};

QTEST_MAIN(TestSegmentBuilderPage)
#include "tst_segmentbuilderpage.moc"
