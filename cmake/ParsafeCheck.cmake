# CMake integration of parsafe's checks.
#
#   list(APPEND CMAKE_MODULE_PATH <parsafe>/cmake)   # or <prefix>/lib/cmake/parsafe
#   include(ParsafeCheck)
#
#   # 1. Every compile also runs clang-tidy-19 with the plugin (findings are
#   #    compiler-style warnings; WARNINGS_AS_ERRORS fails the build on them).
#   parsafe_enable_clang_tidy([CHECKS globs] [WARNINGS_AS_ERRORS])
#
#   # 2. A target running parsafe-check over the whole compile_commands.json.
#   parsafe_check(<target> [CHECKS globs] [FORMAT text|json|sarif] [OUTPUT file]
#                 [BASELINE file] [JOBS n] [PATHS path...])
#
# The tools are looked up in ${PARSAFE_ROOT}/bin and ${PARSAFE_ROOT}/lib (a
# parsafe build or install directory), then on PATH; inside parsafe's own build
# the targets are used directly.

set(PARSAFE_ROOT "${PARSAFE_ROOT}" CACHE PATH "parsafe build or install directory")

function(_parsafe_find_tools)
  if(TARGET parsafe-check)
    set(PARSAFE_CHECK_EXECUTABLE $<TARGET_FILE:parsafe-check> PARENT_SCOPE)
  else()
    find_program(PARSAFE_CHECK_EXECUTABLE parsafe-check HINTS ${PARSAFE_ROOT}/bin)
  endif()
  if(TARGET parsafe-tidy)
    set(PARSAFE_TIDY_PLUGIN $<TARGET_FILE:parsafe-tidy> PARENT_SCOPE)
  else()
    find_file(PARSAFE_TIDY_PLUGIN libparsafe-tidy.so HINTS ${PARSAFE_ROOT}/lib)
  endif()
  find_program(PARSAFE_CLANG_TIDY_EXECUTABLE clang-tidy-19 HINTS /usr/lib/llvm-19/bin)
endfunction()

function(parsafe_enable_clang_tidy)
  cmake_parse_arguments(ARG "WARNINGS_AS_ERRORS" "CHECKS" "" ${ARGN})
  _parsafe_find_tools()
  if(NOT PARSAFE_TIDY_PLUGIN OR NOT PARSAFE_CLANG_TIDY_EXECUTABLE)
    message(FATAL_ERROR "parsafe_enable_clang_tidy: need clang-tidy-19 and libparsafe-tidy.so "
                        "(set PARSAFE_ROOT to a parsafe build or install directory)")
  endif()
  if(NOT ARG_CHECKS)
    set(ARG_CHECKS "-*,parsafe-*")
  endif()
  # clang-tidy-19, not clang-tidy: Debian's unversioned one is LLVM 14, which
  # lists the plugin's checks but never runs them.
  set(tidy ${PARSAFE_CLANG_TIDY_EXECUTABLE} -load=${PARSAFE_TIDY_PLUGIN} -checks=${ARG_CHECKS})
  if(ARG_WARNINGS_AS_ERRORS)
    list(APPEND tidy -warnings-as-errors=${ARG_CHECKS})
  endif()
  set(CMAKE_CXX_CLANG_TIDY ${tidy} PARENT_SCOPE)
  set(CMAKE_C_CLANG_TIDY ${tidy} PARENT_SCOPE)
endfunction()

function(parsafe_check target)
  cmake_parse_arguments(ARG "" "CHECKS;FORMAT;OUTPUT;BASELINE;JOBS" "PATHS" ${ARGN})
  _parsafe_find_tools()
  if(NOT PARSAFE_CHECK_EXECUTABLE)
    message(FATAL_ERROR "parsafe_check: parsafe-check not found "
                        "(set PARSAFE_ROOT to a parsafe build or install directory)")
  endif()
  if(NOT CMAKE_EXPORT_COMPILE_COMMANDS)
    message(FATAL_ERROR "parsafe_check: set CMAKE_EXPORT_COMPILE_COMMANDS ON before the "
                        "targets it should see")
  endif()
  set(args -p ${CMAKE_BINARY_DIR} --source-root ${CMAKE_SOURCE_DIR})
  if(ARG_CHECKS)
    list(APPEND args --checks=${ARG_CHECKS})
  endif()
  if(ARG_FORMAT)
    list(APPEND args --format=${ARG_FORMAT})
  endif()
  if(ARG_OUTPUT)
    list(APPEND args --output=${ARG_OUTPUT})
  endif()
  if(ARG_BASELINE)
    list(APPEND args --baseline=${ARG_BASELINE})
  endif()
  if(ARG_JOBS)
    list(APPEND args -j ${ARG_JOBS})
  endif()
  add_custom_target(${target}
    COMMAND ${PARSAFE_CHECK_EXECUTABLE} ${args} ${ARG_PATHS}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "parsafe-check: analysing ${CMAKE_PROJECT_NAME}"
    USES_TERMINAL VERBATIM)
endfunction()
