<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Ud::Accounts::CustomerFinder</name>
    <message numerus="yes">
        <source>The best %n matches — type more to narrow them down</source>
        <translation>
            <numerusform>The best %n match — type more to narrow it down</numerusform>
            <numerusform>The best %n matches — type more to narrow them down</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
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
    <name>Ud::Accounts::CustomerHistoryView</name>
    <message numerus="yes">
        <source>%n change(s) recorded</source>
        <translation>
            <numerusform>%n change recorded</numerusform>
            <numerusform>%n changes recorded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::IdentityService</name>
    <message numerus="yes">
        <source>Identity checks for this customer are paused after %1 failed checks in %2 minutes: try again in %n minute(s), or verify the caller another way.</source>
        <translation>
            <numerusform>Identity checks for this customer are paused after %1 failed checks in %2 minutes: try again in %n minute, or verify the caller another way.</numerusform>
            <numerusform>Identity checks for this customer are paused after %1 failed checks in %2 minutes: try again in %n minutes, or verify the caller another way.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MoveForm</name>
    <message numerus="yes">
        <source>%n addresses found.</source>
        <translation>
            <numerusform>%n address found.</numerusform>
            <numerusform>%n addresses found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MoveService</name>
    <message numerus="yes">
        <source>Final reading date must be at most %n days from today: enter %1 or an earlier day.</source>
        <translation>
            <numerusform>Final reading date must be at most %n day from today: enter %1 or an earlier day.</numerusform>
            <numerusform>Final reading date must be at most %n days from today: enter %1 or an earlier day.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::RegistrationWizard</name>
    <message numerus="yes">
        <source>and %n more.</source>
        <translation>
            <numerusform>and %n more.</numerusform>
            <numerusform>and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::WorkspaceSections</name>
    <message numerus="yes">
        <source>The last %1 of %n contacts</source>
        <translation>
            <numerusform>The last %1 of %n contact</numerusform>
            <numerusform>The last %1 of %n contacts</numerusform>
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
    <message numerus="yes">
        <source>Polling %1 (%n resource(s)) every %2 s.</source>
        <translation>
            <numerusform>Polling %1 (%n resource) every %2 s.</numerusform>
            <numerusform>Polling %1 (%n resources) every %2 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n imported</source>
        <translation>
            <numerusform>%n imported</numerusform>
            <numerusform>%n imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown meters: %1 (%n readings wait in the review queue)</source>
        <translation>
            <numerusform>Unknown meters: %1 (%n reading waits in the review queue)</numerusform>
            <numerusform>Unknown meters: %1 (%n readings wait in the review queue)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applied %n readings queued under %1 to meter %2; later files naming %1 go to it directly.</source>
        <translation>
            <numerusform>Applied %n reading queued under %1 to meter %2; later files naming %1 go to it directly.</numerusform>
            <numerusform>Applied %n readings queued under %1 to meter %2; later files naming %1 go to it directly.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n readings, %1 new, %2 estimated, %3 for unknown meters)</source>
        <translation>
            <numerusform>(%n reading, %1 new, %2 estimated, %3 for unknown meters)</numerusform>
            <numerusform>(%n readings, %1 new, %2 estimated, %3 for unknown meters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The tariff has %n version(s).</source>
        <translation>
            <numerusform>The tariff has %n version.</numerusform>
            <numerusform>The tariff has %n versions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refreshed every %n hour(s).</source>
        <translation>
            <numerusform>Refreshed every %n hour.</numerusform>
            <numerusform>Refreshed every %n hours.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refresh: every %n hour(s)</source>
        <translation>
            <numerusform>Refresh: every %n hour</numerusform>
            <numerusform>Refresh: every %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n member(s) of %1 to %2.</source>
        <translation>
            <numerusform>Wrote %n member of %1 to %2.</numerusform>
            <numerusform>Wrote %n members of %1 to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BalanceSection</name>
    <message numerus="yes">
        <source>Last %n entries of %1:</source>
        <translation>
            <numerusform>Last %n entry of %1:</numerusform>
            <numerusform>Last %n entries of %1:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillDocument</name>
    <message numerus="yes">
        <source>%n intervals of the period had no reading and are not billed.</source>
        <translation>
            <numerusform>%n interval of the period had no reading and is not billed.</numerusform>
            <numerusform>%n intervals of the period had no reading and are not billed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillLineText</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillListModel</name>
    <message numerus="yes">
        <source>%n intervals without reading</source>
        <translation>
            <numerusform>%n interval without reading</numerusform>
            <numerusform>%n intervals without reading</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillPdf</name>
    <message numerus="yes">
        <source>Printing the bill document to PDF did not finish within %n seconds.</source>
        <translation>
            <numerusform>Printing the bill document to PDF did not finish within %n second.</numerusform>
            <numerusform>Printing the bill document to PDF did not finish within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Billing::RateComparisonPage</name>
    <message numerus="yes">
        <source>%1 to %2, %n month(s)</source>
        <translation>
            <numerusform>%1 to %2, %n month</numerusform>
            <numerusform>%1 to %2, %n months</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffsPage</name>
    <message numerus="yes">
        <source>The file has %n version(s); the draft shows the last one.</source>
        <translation>
            <numerusform>The file has %n version; the draft shows the last one.</numerusform>
            <numerusform>The file has %n versions; the draft shows the last one.</numerusform>
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
    <message numerus="yes">
        <source>The region is too long: use at most %n characters, as the premises&apos; region is written.</source>
        <translation>
            <numerusform>The region is too long: use at most %n character, as the premises&apos; region is written.</numerusform>
            <numerusform>The region is too long: use at most %n characters, as the premises&apos; region is written.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ConnectMyDataSource</name>
    <message numerus="yes">
        <source>The server %1 sent nothing for %n second(s); the download of %2 was abandoned.</source>
        <translation>
            <numerusform>The server %1 sent nothing for %n second; the download of %2 was abandoned.</numerusform>
            <numerusform>The server %1 sent nothing for %n seconds; the download of %2 was abandoned.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::Format</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportFilesModel</name>
    <message numerus="yes">
        <source>%Ln readings wait for their meter under Unknown meters.</source>
        <translation>
            <numerusform>%Ln reading waits for its meter under Unknown meters.</numerusform>
            <numerusform>%Ln readings wait for their meter under Unknown meters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportRunsModel</name>
    <message numerus="yes">
        <source>Finished, %Ln rejected</source>
        <translation>
            <numerusform>Finished, %Ln rejected</numerusform>
            <numerusform>Finished, %Ln rejected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportRunsView</name>
    <message numerus="yes">
        <source>Fi&amp;les of the run started %1 by %2 (%Ln files):</source>
        <translation>
            <numerusform>Fi&amp;les of the run started %1 by %2 (%Ln file):</numerusform>
            <numerusform>Fi&amp;les of the run started %1 by %2 (%Ln files):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 was imported: %Ln readings, %2 new, %3 changed, %4 estimated by validation.</source>
        <translation>
            <numerusform>%1 was imported: %Ln reading, %2 new, %3 changed, %4 estimated by validation.</numerusform>
            <numerusform>%1 was imported: %Ln readings, %2 new, %3 changed, %4 estimated by validation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings are for meters the database does not know; they wait under Unknown meters.</source>
        <translation>
            <numerusform>%Ln reading is for a meter the database does not know; it waits under Unknown meters.</numerusform>
            <numerusform>%Ln readings are for meters the database does not know; they wait under Unknown meters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import r&amp;uns, newest first (%Ln in all):</source>
        <translation>
            <numerusform>Import r&amp;uns, newest first (%Ln in all):</numerusform>
            <numerusform>Import r&amp;uns, newest first (%Ln in all):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterHealthModel</name>
    <message numerus="yes">
        <source>%1 (%Ln findings in all)</source>
        <translation>
            <numerusform>%1 (%Ln finding in all)</numerusform>
            <numerusform>%1 (%Ln findings in all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln readings were estimated</source>
        <translation>
            <numerusform>%1 of %Ln reading was estimated</numerusform>
            <numerusform>%1 of %Ln readings were estimated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterHealthView</name>
    <message numerus="yes">
        <source>Showing %1 of %Ln meter channels</source>
        <translation>
            <numerusform>Showing %1 of %Ln meter channel</numerusform>
            <numerusform>Showing %1 of %Ln meter channels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln meter channels</source>
        <translation>
            <numerusform>%Ln meter channel</numerusform>
            <numerusform>%Ln meter channels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln late</source>
        <translation>
            <numerusform>%Ln late</numerusform>
            <numerusform>%Ln late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln selected</numerusform>
            <numerusform>%Ln selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only meters whose last reading is older than %n days</source>
        <translation>
            <numerusform>Only meters whose last reading is older than %n day</numerusform>
            <numerusform>Only meters whose last reading is older than %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterSyncPage</name>
    <message numerus="yes">
        <source>%Ln readings queued under %1 now belong to meter %2; later files naming %1 go to it directly.</source>
        <translation>
            <numerusform>%Ln reading queued under %1 now belongs to meter %2; later files naming %1 go to it directly.</numerusform>
            <numerusform>%Ln readings queued under %1 now belong to meter %2; later files naming %1 go to it directly.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of %1 files were rejected. Each says why below and was moved to the quarantine folder.</source>
        <translation>
            <numerusform>%Ln of %1 files was rejected. It says why below and was moved to the quarantine folder.</numerusform>
            <numerusform>%Ln of %1 files were rejected. Each says why below and was moved to the quarantine folder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings are for meters the database does not know. They wait under Unknown meters until you assign them.</source>
        <translation>
            <numerusform>%Ln reading is for a meter the database does not know. It waits under Unknown meters until you assign it.</numerusform>
            <numerusform>%Ln readings are for meters the database does not know. They wait under Unknown meters until you assign them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Meter &amp;health (%Ln late)</source>
        <translation>
            <numerusform>Meter &amp;health (%Ln late)</numerusform>
            <numerusform>Meter &amp;health (%Ln late)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterSyncStatus</name>
    <message numerus="yes">
        <source>Meter sync: watching %n folders</source>
        <translation>
            <numerusform>Meter sync: watching %n folder</numerusform>
            <numerusform>Meter sync: watching %n folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rejected</source>
        <translation>
            <numerusform>%Ln rejected</numerusform>
            <numerusform>%Ln rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln imported today</source>
        <translation>
            <numerusform>%Ln imported today</numerusform>
            <numerusform>%Ln imported today</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::PremisesSection</name>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>every %n minute</numerusform>
            <numerusform>every %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No readings in the %n days to %1</source>
        <translation>
            <numerusform>No readings in the %n day to %1</numerusform>
            <numerusform>No readings in the %n days to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in the %n days to %2</source>
        <translation>
            <numerusform>%1 in the %n day to %2</numerusform>
            <numerusform>%1 in the %n days to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days without readings</source>
        <translation>
            <numerusform>%n day without readings</numerusform>
            <numerusform>%n days without readings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::UnknownMetersView</name>
    <message numerus="yes">
        <source>%Ln readings wait for their meter. Select a meter name from the files, enter the serial of the meter it is, and assign:</source>
        <translation>
            <numerusform>%Ln reading waits for its meter. Select a meter name from the files, enter the serial of the meter it is, and assign:</numerusform>
            <numerusform>%Ln readings wait for their meter. Select a meter name from the files, enter the serial of the meter it is, and assign:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::VeeEngine</name>
    <message numerus="yes">
        <source>%n intervals in a row from %1 to %2 read zero: a stopped meter, a disconnected supply or an empty premise?</source>
        <translation>
            <numerusform>%n interval from %1 to %2 reads zero: a stopped meter, a disconnected supply or an empty premise?</numerusform>
            <numerusform>%n intervals in a row from %1 to %2 read zero: a stopped meter, a disconnected supply or an empty premise?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals in a row from %1 to %2 all read %3: a frozen meter or a repeated value?</source>
        <translation>
            <numerusform>%n interval from %1 to %2 reads %3: a frozen meter or a repeated value?</numerusform>
            <numerusform>%n intervals in a row from %1 to %2 all read %3: a frozen meter or a repeated value?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 read up to %3, more than %4 times the 99th percentile of the meter&apos;s previous weeks (%5).</source>
        <translation>
            <numerusform>%n interval from %1 to %2 reads %3, more than %4 times the 99th percentile of the meter&apos;s previous weeks (%5).</numerusform>
            <numerusform>%n intervals from %1 to %2 read up to %3, more than %4 times the 99th percentile of the meter&apos;s previous weeks (%5).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no register read of their own; the register rose by %3 (from %4 to %5), spread evenly over them.</source>
        <translation>
            <numerusform>%n interval from %1 to %2 has no register read of its own; the register rose by %3 (from %4 to %5), all of it given to that interval.</numerusform>
            <numerusform>%n intervals from %1 to %2 have no register read of their own; the register rose by %3 (from %4 to %5), spread evenly over them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file marks all %n of its intervals between %1 and %2 as having no value; nothing is stored.</source>
        <translation>
            <numerusform>The file marks its one interval between %1 and %2 as having no value; nothing is stored.</numerusform>
            <numerusform>The file marks all %n of its intervals between %1 and %2 as having no value; nothing is stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more findings of the check &quot;%1&quot; are not listed.</source>
        <translation>
            <numerusform>%n more finding of the check &quot;%1&quot; is not listed.</numerusform>
            <numerusform>%n more findings of the check &quot;%1&quot; are not listed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no reading; a gap longer than %3 hours is not estimated.</source>
        <translation>
            <numerusform>%n interval from %1 to %2 has no reading; a gap longer than %3 hours is not estimated.</numerusform>
            <numerusform>%n intervals from %1 to %2 have no reading; a gap longer than %3 hours is not estimated.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no reading and could not be estimated: the history has no like day and no other day of the import has those times.</source>
        <translation>
            <numerusform>%n interval from %1 to %2 has no reading and could not be estimated: the history has no like day and no other day of the import has that time.</numerusform>
            <numerusform>%n intervals from %1 to %2 have no reading and could not be estimated: the history has no like day and no other day of the import has those times.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 had no reading; estimated by linear interpolation between %3 and %4 (total %5).</source>
        <translation>
            <numerusform>%n interval from %1 to %2 had no reading; estimated by linear interpolation between %3 and %4 (total %5).</numerusform>
            <numerusform>%n intervals from %1 to %2 had no reading; estimated by linear interpolation between %3 and %4 (total %5).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 had no reading; estimated from %3 (total %4).</source>
        <translation>
            <numerusform>%n interval from %1 to %2 had no reading; estimated from %3 (total %4).</numerusform>
            <numerusform>%n intervals from %1 to %2 had no reading; estimated from %3 (total %4).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Segments::DistributionView</name>
    <message numerus="yes">
        <source>%Ln member(s) charted.</source>
        <translation>
            <numerusform>%Ln member charted.</numerusform>
            <numerusform>%Ln members charted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentBuilderPage</name>
    <message numerus="yes">
        <source>Counting… (was %Ln member(s))</source>
        <translation>
            <numerusform>Counting… (was %Ln member)</numerusform>
            <numerusform>Counting… (was %Ln members)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) for the last valid rule, not the text shown</source>
        <translation>
            <numerusform>%Ln member for the last valid rule, not the text shown</numerusform>
            <numerusform>%Ln members for the last valid rule, not the text shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation>
            <numerusform>%Ln member</numerusform>
            <numerusform>%Ln members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentListModel</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n hour(s)</source>
        <translation>
            <numerusform>Every %n hour</numerusform>
            <numerusform>Every %n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentListPage</name>
    <message numerus="yes">
        <source>%n segment(s), %1 selected</source>
        <translation>
            <numerusform>%n segment, %1 selected</numerusform>
            <numerusform>%n segments, %1 selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refreshing %n segment(s)</source>
        <translation>
            <numerusform>Refreshing %n segment</numerusform>
            <numerusform>Refreshing %n segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The refresh was cancelled after %1 of %n segment(s); the segments refreshed keep their new members.</source>
        <translation>
            <numerusform>The refresh was cancelled after %1 of %n segment; the segments refreshed keep their new members.</numerusform>
            <numerusform>The refresh was cancelled after %1 of %n segments; the segments refreshed keep their new members.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) due were refreshed.</source>
        <translation>
            <numerusform>%n segment due was refreshed.</numerusform>
            <numerusform>%n segments due were refreshed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test group member(s)</source>
        <translation>
            <numerusform>%n test group member</numerusform>
            <numerusform>%n test group members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n control group member(s)</source>
        <translation>
            <numerusform>%n control group member</numerusform>
            <numerusform>%n control group members</numerusform>
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
<context>
    <name>Ud::Usage::UsageChartView</name>
    <message numerus="yes">
        <source>(a day of %n hours)</source>
        <translation>
            <numerusform>(a day of %n hour)</numerusform>
            <numerusform>(a day of %n hours)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals without readings</source>
        <translation>
            <numerusform>%n interval without a reading</numerusform>
            <numerusform>%n intervals without readings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimated</source>
        <translation>
            <numerusform>%n estimated</numerusform>
            <numerusform>%n estimated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimated readings near it</source>
        <translation>
            <numerusform>%n estimated reading near it</numerusform>
            <numerusform>%n estimated readings near it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>one of %n points kept for drawing</source>
        <translation>
            <numerusform>one of %n point kept for drawing</numerusform>
            <numerusform>one of %n points kept for drawing</numerusform>
        </translation>
    </message>
</context>
</TS>
