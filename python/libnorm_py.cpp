// The Python binding: `import libnorm`.
//
//   text, report = libnorm.normalize(data, **options)   # data: bytes or str
//   results = libnorm.normalize_batch(docs, threads=4, **options)
//   lines, rejects = libnorm.normalize_jsonl(lines, threads=4, text_key="text", **options)
//   n = libnorm.Normalizer(**options); n.normalize(data); n.normalize_batch(docs)
//
// Options are the `norm` CLI's long flags with '_' for '-': from_code="GBK",
// on_invalid="strict", steps="-boilerplate", zh="s2t", nf="NFKC",
// max_size="64M"; a boolean True gives the bare flag (binary=True,
// explain=True), False the --no- form (images=False, boilerplate=False).
// They are parsed by the CLI's own flag table, so both accept the same.
//
// A rejected document raises libnorm.Error (a ValueError) carrying `code`
// and `byte_offset`. normalize_batch never raises for one document: its
// item is (None, {"error": {...}}). The batch calls release the GIL and run
// on `threads` native threads sharing one Normalizer.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "flags.h"
#include "norm/norm.h"
#include "norm/records.h"

namespace py = pybind11;

namespace {

const char* CodeName(norm::StatusCode code) {
  switch (code) {
    case norm::StatusCode::kOk:
      return "ok";
    case norm::StatusCode::kInvalidInput:
      return "invalid-input";
    case norm::StatusCode::kBinaryInput:
      return "binary-input";
    case norm::StatusCode::kTooLarge:
      return "too-large";
    case norm::StatusCode::kIoError:
      return "io-error";
    case norm::StatusCode::kConfig:
      return "config";
  }
  return "unknown";
}

PyObject* g_error = nullptr;  // libnorm.Error (kept for the life of the process)

[[noreturn]] void Raise(const norm::Status& s) {
  py::object e = py::reinterpret_borrow<py::object>(g_error)(s.ToString());
  e.attr("code") = CodeName(s.code());
  e.attr("byte_offset") = s.byte_offset() < 0 ? py::object(py::none()) : py::int_(s.byte_offset());
  PyErr_SetObject(g_error, e.ptr());
  throw py::error_already_set();
}

// Flags that make no sense for a library call.
bool Allowed(std::string_view name, bool records) {
  static const char* const kDenied[] = {"output",  "in-place",     "help",       "version",
                                        "man",     "list-filters", "stats",      "json",
                                        "jobs",    "recursive",    "output-dir", "progress",
                                        "rejects", "jsonl",        "lines",      "null-data"};
  for (const char* d : kDenied)
    if (name == d) return false;
  if (!records &&
      (name == "text-key" || name == "id-key" || name == "report-key" || name == "meta-key"))
    return false;
  return true;
}

std::vector<std::string> KwargsToArgs(const py::kwargs& kwargs, bool records) {
  std::vector<std::string> args;
  for (auto item : kwargs) {
    std::string name = py::str(item.first);
    for (char& c : name)
      if (c == '_') c = '-';
    std::string base = name;
    py::handle value = item.second;
    if (py::isinstance<py::bool_>(value)) {
      bool on = value.cast<bool>();
      if (!on) base = "no-" + name;
      bool known = false;
      for (const auto& f : norm::cli::Flags()) {
        if (base == f.long_name && f.arg == nullptr) known = true;
        // images=True / boilerplate=True: the default, nothing to pass.
        if (on && std::string("no-") + name == f.long_name) {
          known = true;
          base.clear();
        }
      }
      if (!known || (!base.empty() && !Allowed(base, records)))
        throw py::type_error("libnorm: unknown boolean option " + std::string(py::str(item.first)));
      if (!base.empty()) args.push_back("--" + base);
      continue;
    }
    bool known = false;
    for (const auto& f : norm::cli::Flags())
      if (name == f.long_name && f.arg != nullptr) known = true;
    if (!known || !Allowed(name, records))
      throw py::type_error("libnorm: unknown option " + std::string(py::str(item.first)));
    if (value.is_none()) continue;
    args.push_back("--" + name + "=" + std::string(py::str(value)));
  }
  return args;
}

struct Built {
  norm::cli::Config config;
  std::unique_ptr<norm::Normalizer> normalizer;
};

// Normalizers are built once per distinct option set and shared.
std::shared_ptr<Built> GetBuilt(const py::kwargs& kwargs, bool records) {
  std::vector<std::string> args = KwargsToArgs(kwargs, records);
  if (records) args.insert(args.begin(), "--jsonl");
  std::string key;
  for (const std::string& a : args) key += a + '\n';
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<Built>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  auto built = std::make_shared<Built>();
  std::string error;
  if (!norm::cli::ParseArgs(args, &built->config, &error))
    Raise(norm::Status(norm::StatusCode::kConfig, error));
  {
    py::gil_scoped_release release;
    built->normalizer = std::make_unique<norm::Normalizer>(built->config.options);
  }
  if (!built->normalizer->status().ok()) Raise(built->normalizer->status());
  std::lock_guard<std::mutex> lock(mu);
  if (cache.size() >= 32) cache.clear();
  cache.emplace(key, built);
  return built;
}

std::string Bytes(py::handle data) {
  if (py::isinstance<py::bytes>(data)) return data.cast<std::string>();
  if (py::isinstance<py::str>(data)) return data.cast<std::string>();  // UTF-8
  if (PyByteArray_Check(data.ptr()))
    return std::string(PyByteArray_AsString(data.ptr()),
                       static_cast<size_t>(PyByteArray_Size(data.ptr())));
  throw py::type_error("libnorm: expected bytes or str");
}

py::object ReportDict(const norm::Report& report) {
  static py::object* loads = new py::object(py::module_::import("json").attr("loads"));
  return (*loads)(report.ToJson());
}

py::object ErrorDict(const norm::Result& r) {
  py::dict d = ReportDict(r.report);
  py::dict e;
  e["code"] = CodeName(r.status.code());
  e["message"] = r.status.ToString();
  e["byte_offset"] =
      r.status.byte_offset() < 0 ? py::object(py::none()) : py::int_(r.status.byte_offset());
  d["error"] = e;
  return d;
}

py::tuple Normalize(const Built& b, py::handle data) {
  std::string bytes = Bytes(data);
  norm::Result r;
  {
    py::gil_scoped_release release;
    r = b.normalizer->Normalize(bytes);
  }
  if (!r.status.ok()) Raise(r.status);
  return py::make_tuple(py::str(r.markdown), ReportDict(r.report));
}

// Runs fn(i) for i in [0, n) on `threads` threads, without the GIL.
template <class Fn>
void ParallelFor(size_t n, int threads, Fn fn) {
  py::gil_scoped_release release;
  if (threads <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads && static_cast<size_t>(t) < n; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

int Threads(int threads) {
  if (threads <= 0) return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return threads;
}

py::list NormalizeBatch(const Built& b, const py::iterable& docs, int threads) {
  std::vector<std::string> inputs;
  for (py::handle d : docs) inputs.push_back(Bytes(d));
  std::vector<norm::Result> results(inputs.size());
  ParallelFor(inputs.size(), Threads(threads),
              [&](size_t i) { results[i] = b.normalizer->Normalize(inputs[i]); });
  py::list out;
  for (const norm::Result& r : results) {
    if (r.status.ok()) {
      out.append(py::make_tuple(py::str(r.markdown), ReportDict(r.report)));
    } else {
      out.append(py::make_tuple(py::none(), ErrorDict(r)));
    }
  }
  return out;
}

py::tuple NormalizeJsonl(const Built& b, const py::iterable& lines, int threads) {
  std::vector<std::string> inputs;
  for (py::handle d : lines) {
    std::string s = Bytes(d);
    if (!s.empty() && s.back() == '\n') s.pop_back();
    inputs.push_back(std::move(s));
  }
  std::vector<norm::RecordResult> results(inputs.size());
  ParallelFor(inputs.size(), Threads(threads), [&](size_t i) {
    results[i] = norm::NormalizeRecord(*b.normalizer, inputs[i], b.config.record);
  });
  py::list out, rejects;
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].status.ok()) {
      out.append(py::bytes(results[i].output));
    } else {
      rejects.append(py::make_tuple(i, results[i].status.ToString()));
    }
  }
  return py::make_tuple(out, rejects);
}

}  // namespace

PYBIND11_MODULE(libnorm, m) {
  m.doc() =
      "libnorm: damaged multilingual text in, clean UTF-8 Markdown out.\n\n"
      "normalize(data, **options) -> (markdown, report)\n"
      "normalize_batch(docs, threads=1, **options) -> [(markdown or None, report)]\n"
      "normalize_jsonl(lines, threads=1, text_key='text', report_key=None, meta_key=None, "
      "**options)\n"
      "    -> (output lines as bytes, [(index, error)])\n"
      "Options are norm's long flags with '_' for '-' (from_code, on_invalid, steps, zh, nf...).";
  g_error = PyErr_NewException("libnorm.Error", PyExc_ValueError, nullptr);
  m.attr("Error") = py::reinterpret_borrow<py::object>(g_error);

  m.def(
      "normalize",
      [](py::handle data, py::kwargs kwargs) { return Normalize(*GetBuilt(kwargs, false), data); },
      py::arg("data"),
      "Normalizes one document (bytes in any encoding, or str); returns (markdown, report).");
  m.def(
      "normalize_batch",
      [](py::iterable docs, int threads, py::kwargs kwargs) {
        return NormalizeBatch(*GetBuilt(kwargs, false), docs, threads);
      },
      py::arg("docs"), py::arg("threads") = 1,
      "Normalizes many documents on native threads without the GIL; a rejected document gives "
      "(None, report with an 'error' entry).");
  m.def(
      "normalize_jsonl",
      [](py::iterable lines, int threads, py::kwargs kwargs) {
        return NormalizeJsonl(*GetBuilt(kwargs, true), lines, threads);
      },
      py::arg("lines"), py::arg("threads") = 1,
      "`norm --jsonl` over a list of lines (bytes or str, trailing newline optional): returns "
      "(output lines as bytes without newline, [(index, error message)] for rejected lines).");
  m.def("version", [] { return norm::VersionInfo(); });

  py::class_<Built, std::shared_ptr<Built>>(m, "Normalizer")
      .def(py::init([](py::kwargs kwargs) { return GetBuilt(kwargs, false); }))
      .def("normalize", [](const Built& b, py::handle data) { return Normalize(b, data); })
      .def(
          "normalize_batch",
          [](const Built& b, py::iterable docs, int threads) {
            return NormalizeBatch(b, docs, threads);
          },
          py::arg("docs"), py::arg("threads") = 1);
}
