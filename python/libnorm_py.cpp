// The native half of the Python package `libnorm` (python/libnorm/), as
// libnorm._libnorm; the package's __init__.py wraps it in the documented API
// (Result objects, normalize_jsonl on files) and _libnorm.pyi types it.
//
//   text, report = _libnorm.normalize(data, **options)   # data: bytes or str
//   results = _libnorm.normalize_batch(docs, threads=4, **options)
//   lines, rejects = _libnorm.normalize_jsonl(lines, threads=4, text_key="text", **options)
//   n = _libnorm.Normalizer(**options); n.normalize(data); n.normalize_batch(docs)
//   _libnorm.options(): [(name, arg, help)] of the one option table
//
// Options are the library's named options (norm::NamedOptions, the `norm`
// CLI's long flags) with '_' for '-': from_code="GBK", on_invalid="strict",
// steps="-boilerplate", zh="s2t", nf="NFKC", max_size="64M"; a boolean True
// gives the switch (binary=True, explain=True), False the no- form
// (images=False, boilerplate=False). command="fix" (decode, detect,
// html2md, zh) runs one `norm` command instead of the whole pipeline.
//
// A rejected document raises libnorm.Error (a ValueError) carrying `code`
// and `byte_offset`. normalize_batch never raises for one document: its
// item is (None, {"error": {...}}). The batch calls release the GIL and run
// on `threads` native threads sharing one Normalizer.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <mutex>

#include "norm/norm.h"
#include "norm/records.h"
#include "norm/registry.h"

namespace py = pybind11;

namespace {

PyObject* g_error = nullptr;  // libnorm.Error (kept for the life of the process)

[[noreturn]] void Raise(const norm::Status& s) {
  py::object e = py::reinterpret_borrow<py::object>(g_error)(s.ToString());
  e.attr("code") = std::string(norm::StatusCodeName(s.code()));
  e.attr("byte_offset") = s.byte_offset() < 0 ? py::object(py::none()) : py::int_(s.byte_offset());
  PyErr_SetObject(g_error, e.ptr());
  throw py::error_already_set();
}

struct Built {
  norm::Options options;
  norm::RecordOptions record;  // normalize_jsonl's
  std::unique_ptr<norm::Normalizer> normalizer;
};

[[noreturn]] void Unknown(py::handle name, const char* what) {
  throw py::type_error(std::string("libnorm: unknown ") + what + std::string(py::str(name)));
}

// Sets one keyword argument on *b (records: normalize_jsonl's keys too).
void Apply(Built* b, py::handle key, py::handle value, bool records) {
  std::string name = py::str(key);
  for (char& c : name)
    if (c == '_') c = '-';
  if (records &&
      (name == "text-key" || name == "id-key" || name == "report-key" || name == "meta-key")) {
    std::string v = py::str(value);
    (name == "text-key"     ? b->record.text_key
     : name == "id-key"     ? b->record.id_key
     : name == "report-key" ? b->record.report_key
                            : b->record.meta_key) = v;
    return;
  }
  if (name == "command") {
    const norm::CommandInfo* c = norm::FindCommand(std::string(py::str(value)));
    if (c == nullptr)
      Raise(norm::Status(norm::StatusCode::kConfig,
                         "unknown command " + std::string(py::str(value))));
    b->options.command = c->command;
    return;
  }
  if (py::isinstance<py::bool_>(value)) {
    // True: the switch of that name; False: its no- form.
    bool on = value.cast<bool>();
    const norm::OptionInfo* sw = norm::FindOption(on ? name : "no-" + name);
    if (sw != nullptr && sw->arg.empty()) {
      (void)norm::SetOption(b->options, sw->name, "");
      return;
    }
    // images=True: the default of a no- switch; nothing to set.
    const norm::OptionInfo* no = norm::FindOption("no-" + name);
    if (on && no != nullptr && no->arg.empty()) return;
    Unknown(key, "boolean option ");
  }
  const norm::OptionInfo* o = norm::FindOption(name);
  if (o == nullptr || o->arg.empty()) Unknown(key, "option ");
  if (value.is_none()) return;
  norm::Status s = norm::SetOption(b->options, name, std::string(py::str(value)));
  if (!s.ok()) Raise(s);
}

// Normalizers are built once per distinct option set and shared.
std::shared_ptr<Built> GetBuilt(const py::kwargs& kwargs, bool records) {
  std::string key = records ? "records\n" : "\n";
  for (auto item : kwargs)
    key += std::string(py::str(item.first)) + '=' + std::string(py::repr(item.second)) + '\n';
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<Built>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  auto built = std::make_shared<Built>();
  for (auto item : kwargs) Apply(built.get(), item.first, item.second, records);
  built->record.strict = built->options.decode.on_invalid == norm::OnInvalid::kStrict;
  {
    py::gil_scoped_release release;
    built->normalizer = std::make_unique<norm::Normalizer>(built->options);
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
  e["code"] = std::string(norm::StatusCodeName(r.status.code()));
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

py::list NormalizeBatch(const Built& b, const py::iterable& docs, int threads) {
  std::vector<std::string> inputs;
  for (py::handle d : docs) inputs.push_back(Bytes(d));
  std::vector<norm::Result> results;
  {
    py::gil_scoped_release release;
    results = b.normalizer->NormalizeBatch(inputs, threads);
  }
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
  std::vector<norm::RecordResult> results;
  {
    py::gil_scoped_release release;
    results = norm::NormalizeRecords(*b.normalizer, inputs, b.record, threads);
  }
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

PYBIND11_MODULE(_libnorm, m) {
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
  m.def(
      "options",
      [] {
        py::list out;
        for (const norm::OptionInfo& o : norm::NamedOptions())
          out.append(py::make_tuple(std::string(o.name), std::string(o.arg), std::string(o.help)));
        return out;
      },
      "The library's named options, as `norm` spells its long flags: [(name, arg, help)]; an "
      "empty arg marks a switch.");
  m.def(
      "commands",
      [] {
        py::list out;
        for (const norm::CommandInfo& c : norm::Commands())
          out.append(py::make_tuple(std::string(c.name), std::string(c.summary)));
        return out;
      },
      "The commands `command=` takes: [(name, summary)].");

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
