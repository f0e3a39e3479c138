# cmake -DHELPER=path -DOUTPUT=file -P HelperManInclude.cmake
# A help2man(1) --include file for podbay-helper(8): a COMMANDS section with every
# command's own --help, so the man page has each command's options and examples.
set(_commands version serve subids storage docker-alias ldap registry nvidia shell prune setup status
    images containers steps run slurm doctor system admin)
set(_text "[COMMANDS]\nEach command's own \\fB--help\\fR, as printed by \\fBpodbay-helper\\fR \\fICOMMAND\\fR \\fB--help\\fR.\n")
foreach(_command IN LISTS _commands)
    execute_process(COMMAND ${HELPER} ${_command} --help OUTPUT_VARIABLE _help RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "podbay-helper ${_command} --help failed (${_rc})")
    endif()
    # roff: a leading '.' or '\'' would be a request, and '\' starts an escape.
    string(REPLACE "\\" "\\e" _help "${_help}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" _help "${_help}")
    string(APPEND _text ".SS ${_command}\n.nf\n${_help}.fi\n")
endforeach()
string(APPEND _text "[FILES]\n.TP\n/etc/podbay/helper.conf\nsite settings (/usr/share/doc/podbay-helper/helper-conf.md)\n"
    ".TP\n/etc/sudoers.d/podbay-helper\nwho may run the helper as root\n"
    ".TP\n/var/lib/podbay/subids.json\nthe lines of /etc/subuid and /etc/subgid the helper manages\n"
    "[SEE ALSO]\nsubuid(5), subgid(5), podman(1), containers-storage.conf(5), sudoers(5), sbatch(1)\n")
file(WRITE ${OUTPUT} "${_text}")
