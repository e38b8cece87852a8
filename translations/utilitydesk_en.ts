<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Ud::Accounts::CustomerDetailPanel</name>
    <message numerus="yes">
        <source>%1 — %2, every %n minutes, channels: %3, installed %4</source>
        <translation>
            <numerusform>%1 — %2, every %n minute, channels: %3, installed %4</numerusform>
            <numerusform>%1 — %2, every %n minutes, channels: %3, installed %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomersPage</name>
    <message numerus="yes">
        <source>Showing %1 of %n customers</source>
        <translation>
            <numerusform>Showing %1 of %n customer</numerusform>
            <numerusform>Showing %1 of %n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customers</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::App::Cli</name>
    <message numerus="yes">
        <source>%1 is at schema version %2 (%n migration(s) applied now).</source>
        <translation>
            <numerusform>%1 is at schema version %2 (%n migration applied now).</numerusform>
            <numerusform>%1 is at schema version %2 (%n migrations applied now).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n entries checked.</source>
        <translation>
            <numerusform>The audit log is intact: %n entry checked.</numerusform>
            <numerusform>The audit log is intact: %n entries checked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Core::UserService</name>
    <message numerus="yes">
        <source>The password is too short: use at least %n characters.</source>
        <translation>
            <numerusform>The password is too short: use at least %n character.</numerusform>
            <numerusform>The password is too short: use at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The display name is too long: use at most %n characters.</source>
        <translation>
            <numerusform>The display name is too long: use at most %n character.</numerusform>
            <numerusform>The display name is too long: use at most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AuditPage</name>
    <message numerus="yes">
        <source>%Ln entries (%1 loaded)</source>
        <translation>
            <numerusform>%Ln entry (%1 loaded)</numerusform>
            <numerusform>%Ln entries (%1 loaded)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact (%Ln entries checked).</source>
        <translation>
            <numerusform>The audit log is intact (%Ln entry checked).</numerusform>
            <numerusform>The audit log is intact (%Ln entries checked).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Ui::JobIndicator</name>
    <message numerus="yes">
        <source>%1 (and %n more)</source>
        <translation>
            <numerusform>%1 (and %n more)</numerusform>
            <numerusform>%1 (and %n more)</numerusform>
        </translation>
    </message>
</context>
</TS>
