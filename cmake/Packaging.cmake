# Packages (CPack): `podbay-helper` for login nodes as .deb and .rpm, and the desktop app
# with the portal as the .deb `podbay`. Build them from a build tree with
#   cd build && cpack -G DEB && cpack -G RPM -D CPACK_COMPONENTS_ALL=helper
# (into build/packages; tests/packaging/install-deb checks and installs them). An .rpm
# made on Debian links Debian's glibc: for RHEL/Rocky, run the same on RHEL/Rocky.
# Where the files go follows the FHS and the distributions' habits: the helper binary in
# /usr/libexec/podbay with a /usr/bin link (the apps start `podbay-helper` by name over SSH
# and admins type it), settings in /etc/podbay (a conffile), the sudoers drop-in in
# /etc/sudoers.d (mode 0440, sudoers(5)), units in /usr/lib/systemd/system.
# Nothing is enabled or started by installing: `podbay-helper setup` and
# `systemctl enable --now podbay-subids.timer` are the admin's decisions (docs/admin-guide.md).

# Who the packages name as maintainer: a site that builds its own sets its address.
set(PODBAY_PACKAGE_CONTACT "The Podbay developers <podbay@example.org>" CACHE STRING
    "Maintainer of the .deb/.rpm packages (Name <address>)")
set(_pkg_res ${PROJECT_SOURCE_DIR}/resources)
set(_pkg_gen ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${_pkg_gen})

# --- the helper's files (component "helper") -------------------------------------------
if(PODBAY_HELPER)
    install(FILES ${_pkg_res}/config/helper.conf
            DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/podbay COMPONENT helper)
    install(FILES ${_pkg_res}/sudoers/podbay-helper
            DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/sudoers.d
            PERMISSIONS OWNER_READ GROUP_READ COMPONENT helper)
    install(FILES ${_pkg_res}/systemd/podbay-subids.service ${_pkg_res}/systemd/podbay-subids.timer
            DESTINATION lib/systemd/system COMPONENT helper)
    # For nodes without systemd: copied into /etc/cron.hourly by the admin (docs/admin-guide.md).
    install(PROGRAMS ${_pkg_res}/cron/podbay-subids
            DESTINATION ${CMAKE_INSTALL_DATADIR}/podbay/cron COMPONENT helper)
    install(FILES ${_pkg_res}/completion/podbay-helper
            DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT helper)
    install(FILES ${PROJECT_SOURCE_DIR}/docs/admin-guide.md ${PROJECT_SOURCE_DIR}/docs/helper-conf.md
                  ${PROJECT_SOURCE_DIR}/docs/subids.md ${PROJECT_SOURCE_DIR}/docs/protocol.md
                  ${PROJECT_SOURCE_DIR}/docs/helpdesk-guide.md
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/podbay-helper COMPONENT helper)
endif()

# Man pages from the programs' own --help (help2man(1)), gzip -9n as Debian policy 12.3
# asks (no name or time stamp in the archive, so the build is reproducible).
find_program(PODBAY_HELP2MAN help2man)
find_program(PODBAY_GZIP gzip REQUIRED)
function(podbay_man_page target section description component)
    if(NOT PODBAY_HELP2MAN)
        message(STATUS "help2man not found: no man page for ${target}")
        return()
    endif()
    set(_page ${_pkg_gen}/${target}.${section})
    set(_include ${_pkg_gen}/${target}.h2m)
    if(target STREQUAL "podbay-helper")
        # Every command's --help goes into a COMMANDS section.
        set(_make_include ${CMAKE_COMMAND} -DHELPER=$<TARGET_FILE:${target}> -DOUTPUT=${_include}
                          -P ${PROJECT_SOURCE_DIR}/cmake/HelperManInclude.cmake)
        set(_include_option --include=${_include})
    else()
        set(_make_include ${CMAKE_COMMAND} -E true)
        set(_include_option)
    endif()
    add_custom_command(OUTPUT ${_page}.gz
        COMMAND ${_make_include}
        COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
                ${PODBAY_HELP2MAN} --no-info --no-discard-stderr --section=${section}
                --name=${description} --version-string=${PROJECT_VERSION} ${_include_option}
                --output=${_page} $<TARGET_FILE:${target}>
        COMMAND ${PODBAY_GZIP} -9nf ${_page}
        DEPENDS ${target} ${PROJECT_SOURCE_DIR}/cmake/HelperManInclude.cmake
        COMMENT "man page for ${target} (help2man)" VERBATIM)
    add_custom_target(${target}-man ALL DEPENDS ${_page}.gz)
    install(FILES ${_page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT ${component})
endfunction()
if(PODBAY_HELPER)
    podbay_man_page(podbay-helper 8 "rootless containers on HPC login nodes: subuid/subgid, storage, registry, JSON-RPC for the Podbay apps" helper)
endif()
if(TARGET podbay-portal)
    podbay_man_page(podbay-portal 1 "Podbay in a browser: build, push and run containers on an HPC cluster" portal)
endif()

# The Debian changelog and copyright every package's doc directory has (policy 12.5, 12.7).
foreach(_pkg podbay-helper podbay)
    configure_file(${_pkg_res}/packaging/copyright ${_pkg_gen}/${_pkg}/copyright COPYONLY)
    configure_file(${_pkg_res}/packaging/changelog.in ${_pkg_gen}/${_pkg}/changelog @ONLY)
    execute_process(COMMAND ${PODBAY_GZIP} -9nf ${_pkg_gen}/${_pkg}/changelog)
endforeach()
if(PODBAY_HELPER)
    install(FILES ${_pkg_gen}/podbay-helper/copyright ${_pkg_gen}/podbay-helper/changelog.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/podbay-helper COMPONENT helper)
endif()
if(PODBAY_FRONTENDS)
    install(FILES ${_pkg_gen}/podbay/copyright ${_pkg_gen}/podbay/changelog.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/podbay COMPONENT desktop)
    # The desktop app has no --help for help2man: its page is written by hand.
    configure_file(${_pkg_res}/packaging/podbay.1 ${_pkg_gen}/podbay.1 COPYONLY)
    execute_process(COMMAND ${PODBAY_GZIP} -9nf ${_pkg_gen}/podbay.1)
    install(FILES ${_pkg_gen}/podbay.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT desktop)
endif()

# --- CPack ------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME podbay)
set(CPACK_PACKAGE_VENDOR "The Podbay developers")
set(CPACK_PACKAGE_CONTACT "${PODBAY_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
set(CPACK_COMPONENTS_ALL)
if(PODBAY_HELPER)
    list(APPEND CPACK_COMPONENTS_ALL helper)
endif()
if(PODBAY_FRONTENDS)
    list(APPEND CPACK_COMPONENTS_ALL desktop portal)
endif()

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://podbay.invalid/")
set(CPACK_DEBIAN_HELPER_PACKAGE_NAME podbay-helper)
set(CPACK_DEBIAN_HELPER_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_HELPER_PACKAGE_RECOMMENDS "podman, uidmap, skopeo, curl, sudo")
set(CPACK_DEBIAN_HELPER_PACKAGE_SUGGESTS "slurm-client, docker-registry, bash-completion")
set(CPACK_DEBIAN_HELPER_DESCRIPTION "Podbay's helper for HPC login nodes: rootless containers for all
 podbay-helper keeps /etc/subuid and /etc/subgid right for every account, puts
 rootless Podman storage on a local disk, deploys the site registry, sets up
 NVIDIA GPUs (CDI) and serves the Podbay desktop app and portal over SSH:
 build, commit, push, run and Slurm jobs.")
set(CPACK_DEBIAN_HELPER_PACKAGE_CONTROL_EXTRA ${_pkg_res}/packaging/conffiles)
set(CPACK_DEBIAN_APP_PACKAGE_NAME podbay)
set(CPACK_DEBIAN_APP_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_APP_DESCRIPTION "Podbay: self-service containers on HPC clusters, app and portal
 Build a container from a base image, save it, push it to the site registry
 and run it as a Slurm job, by point and click (podbay) or in a browser
 (podbay-portal), through SSH to a login node that runs podbay-helper.")

set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_RPM_PACKAGE_RELOCATABLE OFF) # /etc and /usr/libexec are fixed (sudoers, units)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "LicenseRef-Podbay-unlicensed")
set(CPACK_RPM_PACKAGE_GROUP "System Environment/Base")
set(CPACK_RPM_PACKAGE_URL "https://podbay.invalid/")
set(CPACK_RPM_HELPER_PACKAGE_NAME podbay-helper)
set(CPACK_RPM_HELPER_PACKAGE_SUMMARY "Podbay's helper for HPC login nodes")
set(CPACK_RPM_HELPER_PACKAGE_DESCRIPTION "${CPACK_DEBIAN_HELPER_DESCRIPTION}")
set(CPACK_RPM_HELPER_PACKAGE_SUGGESTS "podman, skopeo, shadow-utils, sudo")
set(CPACK_RPM_HELPER_USER_FILELIST
    "%config(noreplace) /etc/podbay/helper.conf"
    "%config(noreplace) %attr(0440,root,root) /etc/sudoers.d/podbay-helper")
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /etc/sudoers.d /usr/lib/systemd /usr/lib/systemd/system /usr/libexec /usr/share/bash-completion
    /usr/share/bash-completion/completions /usr/share/man /usr/share/man/man1 /usr/share/man/man8
    /usr/share/doc /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
    /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps)

include(CPack)
cpack_add_component_group(helper)
cpack_add_component_group(app)
cpack_add_component(helper GROUP helper)
cpack_add_component(desktop GROUP app)
cpack_add_component(portal GROUP app)
