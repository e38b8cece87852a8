# Installation layout and the Debian package (`cpack -G DEB` in the build folder).
# The executable installs itself (app/CMakeLists.txt), and so do the translations; this file adds
# the desktop integration and the migrations, then configures CPack.

set(UD_APP_ID org.utilitydesk.UtilityDesk)

install(FILES ${CMAKE_CURRENT_LIST_DIR}/${UD_APP_ID}.desktop DESTINATION share/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/${UD_APP_ID}.metainfo.xml DESTINATION share/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/${UD_APP_ID}.svg
        DESTINATION share/icons/hicolor/scalable/apps)
# The binary carries the migrations as resources; the installed copies are for administrators
# who want to read or review the schema a release applies.
file(GLOB ud_installed_migrations CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sql/*.sql)
install(FILES ${ud_installed_migrations} ${PROJECT_SOURCE_DIR}/sql/README.md
        DESTINATION share/utilitydesk/sql)
# qt_standard_project_setup() gives installed programs an $ORIGIN-relative RPATH; a Debian
# package finds Qt in the system folders and should carry none.
set_target_properties(utilitydesk PROPERTIES INSTALL_RPATH "")

# The meter-sync worker as a system service, disabled until an administrator enables it.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/utilitydesk-meter-sync.service DESTINATION lib/systemd/system)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/utilitydesk-meter-sync.default
        DESTINATION /etc/default RENAME utilitydesk-meter-sync)
# An administrator's edits to the service's settings survive upgrades.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/conffiles "/etc/default/utilitydesk-meter-sync\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_BINARY_DIR}/conffiles)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME utilitydesk)
set(CPACK_PACKAGE_VENDOR "UtilityDesk developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "UtilityDesk developers <packages@utilitydesk.org>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://utilitydesk.org/")
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the first line; this is the long description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "UtilityDesk is the desktop workspace of the people who serve utility customers:
call-centre agents, business users and field offices. It works over a local
SQLite database or a central PostgreSQL server, keeps sensitive fields
encrypted and records every change in a hash-chained audit log.")
# dpkg-shlibdeps finds the libraries the binary links; it cannot see what Qt loads at run time:
# the SQL drivers, the SVG icon plugin, Qt's own translations, a font for Chinese text and
# QtWebEngine's renderer process (QtWebEngineProcess, which prints bills to PDF).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, libqt6sql6-psql, libqt6svg6, qt6-translations-l10n, fonts-noto-cjk, libqt6webenginecore6-bin")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-15")

include(CPack)
