// The filter contract. A filter is a named, self-contained step that
// rewrites a Document and counts what it changed in a Report. Every filter is
// registered once in registry.cpp; the library, the CLI --steps option, the
// docs and the tests all use the registry names.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "norm/document.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

class Filter {
 public:
  virtual ~Filter() = default;
  virtual std::string_view name() const = 0;
  virtual void Apply(Document& doc, Report& report) const = 0;
};

// A filter written once as text in, text out, lifted over every prose span
// of a Document (and applied to whole texts by `norm fix`). Transform gets
// the report so that it can count its changes under name().
class TextFilter : public Filter {
 public:
  virtual std::string Transform(std::string_view text, Report& report) const = 0;
  // Cheap pre-check: false means Transform would return text unchanged.
  // Lets clean spans skip the copy.
  virtual bool MayChange(std::string_view /*text*/) const { return true; }

  void Apply(Document& doc, Report& report) const override;
};

// A pipeline is itself a filter: it applies its steps in order.
class Pipeline : public Filter {
 public:
  explicit Pipeline(std::string name = "pipeline") : name_(std::move(name)) {}
  void Add(std::unique_ptr<Filter> filter) { steps_.push_back(std::move(filter)); }
  const std::vector<std::unique_ptr<Filter>>& steps() const { return steps_; }

  std::string_view name() const override { return name_; }
  void Apply(Document& doc, Report& report) const override;

 private:
  std::string name_;
  std::vector<std::unique_ptr<Filter>> steps_;
};

}  // namespace norm
