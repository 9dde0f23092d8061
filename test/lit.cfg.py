# lit configuration for parsafe's check and tool tests.
import os
import shutil

import lit.formats
import lit.util

config.name = "parsafe"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
# test/runtime holds GoogleTest sources, run by scripts/run_tests.py, not lit.
config.excludes = ["Inputs", "CMakeLists.txt", "README.md", "runtime", "checks-unit", "race-corpus", "transfer_table.hpp",
                   "transfer_classify.cpp"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.parsafe_obj_root, "test")

# A plugin built for LLVM 19 loaded into another clang-tidy is listed but reports
# nothing: refuse to run with anything but the clang-tidy this build was made for.
if not os.path.exists(config.parsafe_plugin):
    lit_config.fatal("plugin not built: %s" % config.parsafe_plugin)

config.environment["PATH"] = os.pathsep.join(
    [config.parsafe_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])

harness = os.path.join(config.parsafe_src_root, "test", "check_parsafe.py")
runtime_flags = "-isystem %s" % config.runtime_include_dir
config.substitutions.append(
    ("%check_parsafe",
     "%s %s --clang-tidy=%s --clang=%s --plugin=%s --runtime-include=%s"
     % (config.python_executable, harness, config.clang_tidy, config.clang,
        config.parsafe_plugin, config.runtime_include_dir)))
config.substitutions.append(
    ("%parsafe_tidy", "%s -load %s" % (config.clang_tidy, config.parsafe_plugin)))
# lit substitutes in order: longer names that start like a shorter one
# (%clangd, %clang_tidy, %clangxx) must come before %clang.
if config.clangd:
    config.substitutions.append(("%clangd", config.clangd))
    config.available_features.add("clangd")
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%clangxx", config.clang + " --driver-mode=g++"))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%runtime_flags", runtime_flags))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%resource_dir", config.clang_resource_dir))
config.substitutions.append(("%src_root", config.parsafe_src_root))
config.substitutions.append(("%obj_root", config.parsafe_obj_root))
if shutil.which("nvim"):
    config.available_features.add("nvim")

# parsafe-check (tool/): the binary, and a runner that asserts an exit code.
config.substitutions.append(
    ("%parsafe_check", os.path.join(config.parsafe_tools_dir, "parsafe-check")))
config.substitutions.append(
    ("%expect_exit", "%s %s" % (config.python_executable,
                                os.path.join(config.parsafe_src_root, "test", "tool", "Inputs",
                                             "expect_exit.py"))))
if shutil.which("cmake") and shutil.which("ninja"):
    config.available_features.add("cmake")
config.substitutions.append(("%cmake_cxx", shutil.which("clang++-19") or config.clang + "++"))
