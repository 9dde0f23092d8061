# Finds Clang/LLVM 19 (Debian packages llvm-19-dev, libclang-19-dev).
# LLVM's version file accepts only an exact major.minor request, so ask for
# the package and verify the major version ourselves.
find_package(LLVM REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/llvm NO_DEFAULT_PATH)
find_package(Clang REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/clang NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "parsafe needs LLVM 19, found ${LLVM_PACKAGE_VERSION}; run scripts/setup.sh")
endif()
message(STATUS "parsafe: LLVM ${LLVM_PACKAGE_VERSION} at ${LLVM_INSTALL_PREFIX}")

