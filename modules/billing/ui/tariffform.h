#pragma once

#include <accounts/account.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QToolButton;
class QUndoStack;
class QVBoxLayout;

namespace Ud::Billing {

class TariffComponentBox;

/// The tariff editor's form: the tariff (code, name, market, classes, kind) and ONE version
/// being drafted (effective dates, holidays and its components, each in a box of its own). The
/// form is a view of a tariff document in the JSON format of docs/tariffs.md: document() is
/// what the form shows, setDocument() shows a document, and every finished edit is a step on
/// the undo stack (Ctrl+Z, Ctrl+Shift+Z), so undo works across fields, tables and added or
/// removed components alike. The form validates nothing itself: TariffJson reads the
/// document and its message names the JSON path, which locationText() turns into the field's
/// place on the form ("Time of use, row 3: ...").
class TariffForm : public QWidget
{
    Q_OBJECT
public:
    explicit TariffForm(QWidget *parent = nullptr);
    ~TariffForm() override;

    /// The markets offered (their currency follows the market chosen).
    void setMarkets(const QList<Accounts::Market> &markets);
    /// Shows the tariff of `document` with its version `versionIndex` as the draft (a new
    /// document: no versions, an empty draft). Clears the undo stack.
    void setDocument(const QJsonObject &document, int versionIndex = 0);
    /// The tariff with the draft as its only version.
    QJsonObject document() const;
    /// Whether code and market may be changed (not for a new version of a stored tariff).
    void setIdentityEditable(bool editable);

    QUndoStack *undoStack() const { return m_undo; }
    /// Turns a TariffJson message ("versions[0].components[1].seasons[0].days[0].bands[2].start:
    /// ...") into one that names the form's place ("Time of use, row 3, Start: ...").
    QString locationText(const QString &message) const;

    QLineEdit *codeEdit() const { return m_code; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *marketCombo() const { return m_market; }
    QComboBox *kindCombo() const { return m_kind; }
    QDateEdit *fromEdit() const { return m_from; }
    QList<TariffComponentBox *> components() const { return m_components; }
    /// Adds an empty component of the JSON type ("flat_rate") as one undoable step.
    TariffComponentBox *addComponent(const QString &type);

signals:
    /// Something the user changed was recorded (also after undo and redo).
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    friend class TariffSnapshotCommand;

    void build();
    void retranslateUi();
    void restore(const QJsonObject &snapshot);
    /// Pushes the form's state as an undo step if it differs from the last one.
    void record();
    void removeComponent(TariffComponentBox *box);
    TariffComponentBox *createComponent(const QString &type, const QJsonObject &json);
    void updateAddMenu();
    void updateCurrency();

    QUndoStack *m_undo = nullptr;
    QJsonObject m_recorded;
    bool m_restoring = false;
    QList<Accounts::Market> m_markets;

    QLabel *m_codeLabel = nullptr;
    QLineEdit *m_code = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_marketLabel = nullptr;
    QComboBox *m_market = nullptr;
    QLabel *m_currency = nullptr;
    QLabel *m_classesLabel = nullptr;
    QList<QCheckBox *> m_classes;
    QLabel *m_kindLabel = nullptr;
    QComboBox *m_kind = nullptr;
    QLabel *m_fromLabel = nullptr;
    QDateEdit *m_from = nullptr;
    QLabel *m_toLabel = nullptr;
    QDateEdit *m_to = nullptr;
    QCheckBox *m_noEnd = nullptr;
    QLabel *m_holidaysLabel = nullptr;
    QLineEdit *m_holidays = nullptr;
    QLabel *m_componentsLabel = nullptr;
    QVBoxLayout *m_componentLayout = nullptr;
    QList<TariffComponentBox *> m_components;
    QToolButton *m_add = nullptr;
};

} // namespace Ud::Billing
