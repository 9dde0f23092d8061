//===--- PluginAnchor.cpp - Entry of libparsafe-tidy.so ------------------===//
//
// The plugin is the parsafeChecks archive linked whole; this file only gives
// the shared library a translation unit of its own. Registration happens in
// ParsafeTidyModule.cpp through a static ClangTidyModuleRegistry::Add.
//
//===----------------------------------------------------------------------===//

namespace clang::tidy::parsafe {
// Referenced by nothing; kept so the module has a symbol of its own in `nm`.
extern const char PluginName[] = "parsafe-tidy";
} // namespace clang::tidy::parsafe
