#pragma once

#include <QGroupBox>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Ud::Billing {

/// One component of the tariff version being drafted (standing charge, flat rate, tiered
/// blocks, time of use, demand charge, package or prepaid allowance), as a titled box of fields
/// or a table. It reads and writes its component's JSON object (docs/tariffs.md) and keeps what
/// the user typed as typed (decimal commas become points), so that TariffJson's message about
/// a wrong value points at exactly what is on the screen.
class TariffComponentBox : public QGroupBox
{
    Q_OBJECT
public:
    /// `type` is the JSON type ("time_of_use").
    TariffComponentBox(const QString &type, QWidget *parent = nullptr);

    QString type() const { return m_type; }
    /// The translated name of a component type ("Time of use").
    static QString typeName(const QString &type);
    /// The component types in the order the editor offers them.
    static QStringList types();

    QJsonObject toJson() const;
    void setJson(const QJsonObject &json);
    /// "Time of use, row 3, Start" for the rest of a JSON path after the component
    /// ("seasons[0].days[0].bands[2].start"); the row of a table is the one the path names.
    QString placeOf(const QString &path) const;

    /// The fields and tables, for tests and keyboard focus.
    QLineEdit *field(const QString &key) const;
    QTableWidget *table() const { return m_table; }
    QComboBox *periodCombo() const { return m_period; }
    QPushButton *removeButton() const { return m_remove; }

signals:
    /// A field or cell edit was finished.
    void changed();
    void removeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Field {
        QString key;
        QLabel *label = nullptr;
        QLineEdit *edit = nullptr;
        bool kwh = false;   ///< a JSON number of kWh, else a decimal price in quotes
    };

    void build();
    void retranslateUi();
    void addField(const QString &key, bool kwh);
    void buildTable(int columns);
    void addRow();
    void removeRow();
    QString fieldLabel(const QString &key) const;
    QJsonObject touJson() const;
    void setTouJson(const QJsonObject &json);

    QString m_type;
    QList<Field> m_fields;
    QComboBox *m_period = nullptr;
    QLabel *m_periodLabel = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_addRow = nullptr;
    QPushButton *m_removeRow = nullptr;
    QPushButton *m_remove = nullptr;
    /// Time of use: the (season, schedule, band) of each table row as last written to JSON.
    mutable QList<std::array<int, 3>> m_touRows;
};

} // namespace Ud::Billing
