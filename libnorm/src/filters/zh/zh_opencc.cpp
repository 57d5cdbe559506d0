#include "zh_opencc.h"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MaxMatchSegmentation.hpp>

#include <exception>
#include <stdexcept>

namespace norm::zh_opencc {

namespace {

// Leaf dictionaries of d in the order a DictGroup consults them.
void CollectLeaves(const opencc::DictPtr& d, std::vector<opencc::DictPtr>* out) {
  if (auto* g = dynamic_cast<const opencc::DictGroup*>(d.get())) {
    for (const auto& sub : g->GetDicts()) CollectLeaves(sub, out);
  } else {
    out->push_back(d);
  }
}

class Direct : public Source {
 public:
  explicit Direct(opencc::ConverterPtr converter) : converter_(std::move(converter)) {
    auto seg = std::dynamic_pointer_cast<opencc::MaxMatchSegmentation>(
        std::const_pointer_cast<opencc::Segmentation>(converter_->GetSegmentation()));
    if (seg == nullptr) return;
    try {
      groups_.emplace_back();
      CollectLeaves(seg->GetDict(), &groups_.back());
      for (const auto& conversion : converter_->GetConversionChain()->GetConversions()) {
        groups_.emplace_back();
        CollectLeaves(conversion->GetDict(), &groups_.back());
      }
      max_match_ = true;
    } catch (const std::exception&) {
      groups_.clear();  // the engine falls back to Convert
    }
  }

  bool MaxMatchSegmentation() const override { return max_match_; }
  size_t Groups() const override { return groups_.size(); }

  std::vector<uintptr_t> Leaves(size_t group) const override {
    std::vector<uintptr_t> ids;
    for (const auto& d : groups_.at(group)) ids.push_back(reinterpret_cast<uintptr_t>(d.get()));
    return ids;
  }

  bool ForEachEntry(
      uintptr_t leaf,
      const std::function<void(std::string_view, std::string_view)>& f) const override {
    try {
      for (const auto& group : groups_) {
        for (const auto& d : group) {
          if (reinterpret_cast<uintptr_t>(d.get()) != leaf) continue;
          opencc::LexiconPtr lexicon = d->GetLexicon();
          for (const auto& entry : *lexicon) f(entry->Key(), entry->GetDefault());
          return true;
        }
      }
    } catch (const std::exception&) {
    }
    return false;
  }

  std::string Convert(std::string_view text) const override {
    try {
      return converter_->Convert(std::string(text));
    } catch (const opencc::Exception& e) {
      throw std::runtime_error(std::string("OpenCC: ") + e.what());
    }
  }

 private:
  opencc::ConverterPtr converter_;  // keeps the dictionaries alive
  bool max_match_ = false;
  std::vector<std::vector<opencc::DictPtr>> groups_;
};

}  // namespace

std::unique_ptr<Source> Open(const std::string& path, OpenError* error) {
  try {
    opencc::Config config;
    return std::make_unique<Direct>(config.NewFromFile(path));
  } catch (const opencc::Exception& e) {
    *error = {OpenError::kOpencc, e.what()};
  } catch (const std::exception& e) {
    *error = {OpenError::kOther, e.what()};
  }
  return nullptr;
}

}  // namespace norm::zh_opencc
