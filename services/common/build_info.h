#pragma once

#include <string>
#include <string_view>

namespace refnet {

// The release refnet was built as (the project version in CMakeLists.txt) and
// the source it was built from: a git commit, with "-dirty" when the tree had
// uncommitted changes, or what the image build passed as REFNET_REVISION.
std::string_view BuildVersion();
std::string_view BuildRevision();

// What `PROGRAM --version` prints: "refnet-server 0.1.0 (revision 1a2b3c...)".
inline std::string VersionLine(std::string_view program) {
  std::string line(program);
  line.append(" ").append(BuildVersion()).append(" (revision ").append(BuildRevision()).append(")");
  return line;
}

}  // namespace refnet
