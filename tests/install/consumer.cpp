#include <norm/norm.h>

#include <cstdio>

int main() {
  norm::Result r = norm::Normalize("<p>Hello, <b>installed</b> libnorm</p>");
  if (!r.status.ok() || r.markdown != "Hello, **installed** libnorm\n") {
    std::fprintf(stderr, "unexpected: %s\n", r.markdown.c_str());
    return 1;
  }
  std::puts("consumer ok");
  return 0;
}
