#include "batch.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>

#include "io.h"
#include "json.h"  // libnorm/src/text
#include "norm/decode.h"
#include "parallel.h"  // libnorm/src/pipeline
#include "progress.h"
#include "record_reader.h"

namespace norm::cli {
namespace {

namespace fs = std::filesystem;

// s as a JSON string; invalid UTF-8 (a file name, a record in a legacy
// encoding) is written with U+FFFD in its place so the line stays JSON.
std::string ValidUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  DecodeOptions utf8;
  utf8.from_code = "UTF-8";
  return DecodeBytes(s, utf8).text;
}

void AppendJsonText(std::string& out, std::string_view s) {
  if (IsValidUtf8(s)) {
    json::AppendString(out, s);
  } else {
    json::AppendString(out, ValidUtf8(s));
  }
}

void AppendBase64(std::string& out, std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                 static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(v >> shift) & 63]);
  }
  if (size_t rest = bytes.size() - i; rest > 0) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
}

struct Input {
  std::string path;
  std::string out_rel;  // path below --output-dir
  uint64_t size = 0;    // 0 when unknown
};

// rel with the extension of the output format (.md, .txt or .json).
std::string WithOutputExtension(const std::string& rel, OutputFormat to) {
  const char* ext = to == OutputFormat::kText   ? ".txt"
                    : to == OutputFormat::kJson ? ".json"
                                                : ".md";
  size_t slash = rel.rfind('/');
  size_t base = slash == std::string::npos ? 0 : slash + 1;
  size_t dot = rel.rfind('.');
  if (dot != std::string::npos && dot > base) return rel.substr(0, dot) + ext;
  return rel + ext;
}

uint64_t RegularSize(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
    return static_cast<uint64_t>(st.st_size);
  return 0;
}

bool ExpandInputs(const Config& c, std::vector<Input>* inputs, std::string* error) {
  std::vector<std::string> files = c.files;
  if (files.empty()) files.push_back("-");
  for (const std::string& f : files) {
    if (f == "-") {
      if (!c.output_dir.empty()) {
        *error = "--output-dir needs FILE arguments, not standard input";
        return false;
      }
      inputs->push_back({f, "", 0});
      continue;
    }
    std::error_code ec;
    if (c.recursive && fs::is_directory(f, ec)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(f, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) found.push_back(it->path().string());
      }
      if (ec) {
        *error = f + ": " + ec.message();
        return false;
      }
      std::sort(found.begin(), found.end());
      for (const std::string& p : found)
        inputs->push_back({p, fs::path(p).lexically_relative(f).string(), RegularSize(p)});
      continue;
    }
    inputs->push_back({f, fs::path(f).filename().string(), RegularSize(f)});
  }
  if (c.output_dir.empty()) return true;
  std::map<std::string, std::string> seen;
  for (Input& in : *inputs) {
    if (!c.records) in.out_rel = WithOutputExtension(in.out_rel, c.options.to);
    auto [it, fresh] = seen.emplace(in.out_rel, in.path);
    if (!fresh) {
      *error = it->second + " and " + in.path + " would both be written to " + c.output_dir + "/" +
               in.out_rel;
      return false;
    }
  }
  return true;
}

// Standard output, or a file put in place atomically at the end.
class Sink {
 public:
  bool OpenFile(const std::string& path, std::string* error) {
    to_stdout_ = false;
    return file_.Open(path, error);
  }
  bool Write(std::string_view data, bool* broken_pipe, std::string* error) {
    if (to_stdout_) return WriteStdout(data, broken_pipe, error);
    return file_.Write(data, error);
  }
  bool Commit(const std::string& backup_suffix, std::string* error) {
    if (to_stdout_ || !file_.is_open()) return true;
    return file_.Commit(backup_suffix, error);
  }

 private:
  bool to_stdout_ = true;
  AtomicFile file_;
};

class BatchRunner {
 public:
  BatchRunner(const Config& config, const Normalizer& normalizer, RunReview* review)
      : c_(config),
        normalizer_(normalizer),
        review_(review),
        progress_(config.progress == Config::Progress::kAlways ||
                      (config.progress == Config::Progress::kAuto && ::isatty(STDERR_FILENO)),
                  0) {}

  int Run() {
    std::vector<Input> inputs;
    std::string error;
    if (!ExpandInputs(c_, &inputs, &error)) {
      Error("", error);
      return kTrouble;
    }
    for (const Input& in : inputs) progress_.AddTotal(in.size);
    if (!c_.rejects.empty() && !rejects_.Open(c_.rejects, &error)) {
      Error(c_.rejects, error);
      return kTrouble;
    }
    if (!c_.output.empty() && !main_sink_.OpenFile(c_.output, &error)) {
      Error(c_.output, error);
      return kTrouble;
    }
    if (c_.records) {
      for (const Input& in : inputs) {
        Records(in);
        if (stop_) break;
      }
    } else {
      Documents(inputs);
    }
    progress_.Finish();
    if (!c_.rejects.empty() && !rejects_.Commit("", &error)) {
      Error(c_.rejects, error);
      status_ = kTrouble;
    }
    if (!c_.output.empty() && status_ != kTrouble && !stop_ && !main_sink_.Commit("", &error)) {
      Error(c_.output, error);
      status_ = kTrouble;
    }
    return status_;
  }

 private:
  static std::string Display(const std::string& path) { return path; }

  void Fail(int code) { status_ = std::max(status_, code); }

  // A document that lost most of its text: one line on stderr; with
  // --strict the exit status is 1.
  void Warn(const std::string& name, const std::string& warning) {
    if (warning.empty()) return;
    Error(name, "warning: " + warning);
    if (c_.strict) Fail(kRejected);
  }

  // Writes data to sink; on a closed pipe stops quietly.
  bool Write(Sink& sink, std::string_view data) {
    bool broken_pipe = false;
    std::string error;
    if (sink.Write(data, &broken_pipe, &error)) return true;
    stop_ = true;
    if (!broken_pipe) {
      Error(c_.output.empty() && c_.output_dir.empty() && !c_.in_place ? "-" : "output",
            "write error: " + error);
      Fail(kTrouble);
    }
    return false;
  }

  bool OpenOutput(const Input& in, Sink* sink) {
    std::string error;
    std::string path = in.path;
    if (!c_.output_dir.empty()) {
      path = c_.output_dir + "/" + in.out_rel;
      std::string dir = fs::path(path).parent_path().string();
      if (!MakeDirs(dir, &error)) {
        Error("", error);
        Fail(kTrouble);
        return false;
      }
    }
    if (!sink->OpenFile(path, &error)) {
      Error(path, error);
      Fail(kTrouble);
      return false;
    }
    return true;
  }

  bool PerFileOutput() const { return !c_.output_dir.empty() || c_.in_place; }

  void Records(const Input& in) {
    const std::string name = Display(in.path);
    int fd = in.path == "-" ? STDIN_FILENO : ::open(in.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      Error(name, std::strerror(errno));
      Fail(kTrouble);
      return;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      Error(name, "is a directory");
      Fail(kTrouble);
      if (fd != STDIN_FILENO) ::close(fd);
      return;
    }
    Sink file_sink;
    Sink& out = PerFileOutput() ? file_sink : main_sink_;
    if (PerFileOutput() && !OpenOutput(in, &file_sink)) {
      if (fd != STDIN_FILENO) ::close(fd);
      return;
    }
    const bool nul = c_.record.format == RecordFormat::kNul;
    const char terminator = nul ? '\0' : '\n';
    RecordReader reader(fd, terminator);
    struct Item {
      std::string record;
      uint64_t number = 0;
      RecordResult result;
      std::string review_input, review_output;  // the text before and after, for --review
    };
    // --to=json: the text member becomes the document's JSON object.
    RecordOptions record_options = c_.record;
    record_options.text_is_json = c_.options.to == OutputFormat::kJson;
    uint64_t number = 0, written = 0, rejected = 0;
    Report merged;
    std::string buffer;
    bool trouble = false;
    OrderedParallel<Item>(
        c_.jobs, 64 * static_cast<size_t>(c_.jobs),
        [&](Item* item) {
          if (!reader.Next(&item->record)) return false;
          item->number = ++number;
          return true;
        },
        [&](Item& item) {
          if (review_ == nullptr) {
            item.result = NormalizeRecord(normalizer_, item.record, c_.record);
            return;
          }
          item.result = NormalizeRecord(item.record, record_options, [&](std::string_view text) {
            item.review_input = review_->Decoded(text);
            Result r = normalizer_.Normalize(text);
            item.review_output = r.markdown.substr(r.body_offset);
            return r;
          });
        },
        [&](Item& item) {
          progress_.Add(1, item.record.size() + 1);
          if (c_.explain_to_stderr) {
            std::string text = "norm: " + name + ":" + std::to_string(item.number) + ": explain\n" +
                               item.result.report.ToText();
            std::fputs(text.c_str(), stderr);
          }
          if (review_ != nullptr) {
            // A record rejected before its text was read is shown as it came.
            if (item.review_input.empty() && !item.result.status.ok())
              item.review_input = ValidUtf8(item.record);
            review_->Add(name + ":" + std::to_string(item.number), std::move(item.review_input),
                         std::move(item.review_output), item.result.report, item.result.status);
          }
          if (!item.result.status.ok()) {
            ++rejected;
            if (!Reject(name, item.number, item.record, item.result)) {
              trouble = true;
              return false;
            }
            return true;
          }
          ++written;
          Warn(name + ":" + std::to_string(item.number), item.result.warning);
          if (c_.stats) merged.Merge(item.result.report);
          buffer += item.result.output;
          buffer.push_back(terminator);
          if (buffer.size() >= (size_t{1} << 20)) {
            bool ok = Write(out, buffer);
            buffer.clear();
            return ok;
          }
          return true;
        });
    if (!stop_ && !trouble && !buffer.empty()) Write(out, buffer);
    if (fd != STDIN_FILENO) ::close(fd);
    if (!reader.error().empty()) {
      Error(name, "read error: " + reader.error());
      Fail(kTrouble);
      trouble = true;
    }
    if (c_.stats) {
      std::string line = "{\"file\":";
      json::AppendString(line, name);
      line += ",\"records\":" + std::to_string(written + rejected) +
              ",\"written\":" + std::to_string(written) +
              ",\"rejected\":" + std::to_string(rejected) + ",\"report\":" + merged.ToJson() +
              "}\n";
      std::fputs(line.c_str(), stderr);
    }
    if (rejected > 0) {
      Fail(kRejected);
      if (!c_.rejects.empty())
        Error(name, std::to_string(rejected) + (rejected == 1 ? " record" : " records") +
                        " rejected, written to " + c_.rejects);
    }
    std::string error;
    if (PerFileOutput() && !trouble && !stop_ && !file_sink.Commit(c_.backup_suffix, &error)) {
      Error(in.path, error);
      Fail(kTrouble);
    }
  }

  bool Reject(const std::string& name, uint64_t number, const std::string& record,
              const RecordResult& result) {
    std::string message = result.status.ToString();
    if (c_.rejects.empty()) {
      Error(name + ":" + std::to_string(number), message);
      return true;
    }
    std::string line = "{\"file\":";
    AppendJsonText(line, name);
    line += c_.record.format == RecordFormat::kNul ? ",\"record\":" : ",\"line\":";
    line += std::to_string(number);
    // The id as it was written (raw bytes inside its strings made UTF-8).
    if (!result.id.empty()) line += ",\"id\":" + ValidUtf8(result.id);
    line += ",\"error\":";
    AppendJsonText(line, message);
    line += ",\"input\":";
    // A JSON string holds text only: a record that is not UTF-8 is written
    // with U+FFFD for its invalid bytes, and whole as input_base64.
    AppendJsonText(line, record);
    if (!IsValidUtf8(record)) {
      line += ",\"input_base64\":\"";
      AppendBase64(line, record);
      line += '"';
    }
    line += "}\n";
    std::string error;
    if (rejects_.Write(line, &error)) return true;
    Error(c_.rejects, "write error: " + error);
    Fail(kTrouble);
    stop_ = true;
    return false;
  }

  void Documents(const std::vector<Input>& inputs) {
    struct Item {
      size_t index = 0;
      Result result;
      std::string read_error;
      uint64_t bytes = 0;
      std::string review_input;  // the decoded input, for --review
    };
    size_t next = 0;
    OrderedParallel<Item>(
        c_.jobs, 4 * static_cast<size_t>(c_.jobs),
        [&](Item* item) {
          if (next >= inputs.size()) return false;
          item->index = next++;
          return true;
        },
        [&](Item& item) {
          std::string bytes;
          if (!ReadAll(inputs[item.index].path, &bytes, &item.read_error)) return;
          item.bytes = bytes.size();
          item.result = normalizer_.Normalize(bytes, inputs[item.index].path);
          if (review_ != nullptr) item.review_input = review_->Decoded(bytes);
        },
        [&](Item& item) {
          const bool go_on = Deliver(inputs[item.index], item.result, item.read_error, item.bytes);
          if (review_ != nullptr && item.read_error.empty())
            review_->Add(Display(inputs[item.index].path), std::move(item.review_input),
                         item.result);
          return go_on;
        });
  }

  bool Deliver(const Input& in, const Result& r, const std::string& read_error, uint64_t bytes) {
    const std::string name = Display(in.path);
    progress_.Add(1, bytes);
    if (!read_error.empty()) {
      Error(name, read_error);
      Fail(kTrouble);
      return true;
    }
    if (c_.explain_to_stderr) {
      std::string text = "norm: " + name + ": explain\n" + r.report.ToText();
      std::fputs(text.c_str(), stderr);
    }
    if (c_.stats) {
      std::string line = "{\"file\":";
      json::AppendString(line, name);
      line += ",\"report\":" + r.report.ToJson() + "}\n";
      std::fputs(line.c_str(), stderr);
    }
    if (!r.status.ok()) {
      Error(name, r.status.ToString());
      Fail(ExitFor(r.status));
      return true;
    }
    Warn(name, r.warning);
    if (!PerFileOutput()) {
      // One output: documents parted by a blank line (see main.cpp).
      if (r.markdown.empty()) return true;
      if (!wrote_document_) {
        wrote_document_ = true;
        return Write(main_sink_, r.markdown);
      }
      return Write(main_sink_, "\n" + r.markdown);
    }
    Sink sink;
    std::string error;
    if (!OpenOutput(in, &sink)) return true;
    if (!Write(sink, r.markdown)) return false;
    if (!sink.Commit(c_.backup_suffix, &error)) {
      Error(in.path, error);
      Fail(kTrouble);
    }
    return true;
  }

  const Config& c_;
  const Normalizer& normalizer_;
  RunReview* review_;  // null without --review
  Progress progress_;
  AtomicFile rejects_;
  Sink main_sink_;
  int status_ = kOk;
  bool stop_ = false;
  bool wrote_document_ = false;  // a document went to main_sink_ already
};

}  // namespace

bool UsesBatch(const Config& config) {
  return config.records || config.jobs > 1 || config.recursive || !config.output_dir.empty();
}

int RunBatch(const Config& config, const Normalizer& normalizer, RunReview* review) {
  return BatchRunner(config, normalizer, review).Run();
}

}  // namespace norm::cli
