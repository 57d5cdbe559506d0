// Detection accuracy benchmark: libnorm's DetectEncoding against uchardet
// alone, measured in the same run on the same samples.
//
// Samples are generated from the sentences in bench/detect_corpus/*.txt
// (written by the team, one file per language): each text is encoded with
// ICU into every encoding that can represent it (see kPlan), then cut into
// snippets of 32, 64, 128 and 256 bytes (starting at 16 character
// boundaries spread over the text; the cut may end inside a character) and
// kept whole. A guess is right when decoding the sample with it gives the
// same text as decoding it with the truth (so GBK for GB18030 is right, and
// windows-1252 for ISO-8859-1 text without C1 bytes is right).
//
// uchardet's answer goes through the same name table (its "EUC-KR" decodes
// as windows-949, "SHIFT_JIS" as windows-31j...); when it gives no answer,
// UTF-8 is assumed.
//
// Usage: norm_detect_accuracy [CORPUS_DIR] [--verbose]
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "charset.h"
#include "detect.h"
#include "norm/decode.h"

#ifndef NORM_DETECT_CORPUS
#define NORM_DETECT_CORPUS "bench/detect_corpus"
#endif

namespace {

struct Target {
  const char* label;  // what the report calls it
  const char* icu;    // ICU converter that encodes
  const char* truth;  // encoding name that decodes the truth
  const char* bom;    // bytes prepended, or ""
  size_t bom_len;
};

const Target kGB18030{"GB18030", "gb18030", "GB18030", "", 0};
const Target kGBK{"GBK", "GBK", "GB18030", "", 0};
const Target kBig5{"Big5", "Big5", "Big5", "", 0};
const Target kSJIS{"Shift_JIS", "Shift_JIS", "Shift_JIS", "", 0};
const Target kEUCJP{"EUC-JP", "EUC-JP", "EUC-JP", "", 0};
const Target kJIS{"ISO-2022-JP", "ISO-2022-JP", "ISO-2022-JP", "", 0};
const Target kEUCKR{"EUC-KR", "EUC-KR", "EUC-KR", "", 0};
const Target k1250{"windows-1250", "windows-1250", "windows-1250", "", 0};
const Target k1251{"windows-1251", "windows-1251", "windows-1251", "", 0};
const Target k1252{"windows-1252", "windows-1252", "windows-1252", "", 0};
const Target k1253{"windows-1253", "windows-1253", "windows-1253", "", 0};
const Target k1254{"windows-1254", "windows-1254", "windows-1254", "", 0};
const Target k1255{"windows-1255", "windows-1255", "windows-1255", "", 0};
const Target k1256{"windows-1256", "windows-1256", "windows-1256", "", 0};
const Target k1257{"windows-1257", "windows-1257", "windows-1257", "", 0};
const Target k1258{"windows-1258", "windows-1258", "windows-1258", "", 0};
const Target kKOI8R{"KOI8-R", "KOI8-R", "KOI8-R", "", 0};
const Target kKOI8U{"KOI8-U", "KOI8-U", "KOI8-U", "", 0};
const Target k866{"IBM866", "IBM866", "IBM866", "", 0};
const Target k88591{"ISO-8859-1", "ISO-8859-1", "windows-1252", "", 0};
const Target k88592{"ISO-8859-2", "ISO-8859-2", "ISO-8859-2", "", 0};
const Target k88595{"ISO-8859-5", "ISO-8859-5", "ISO-8859-5", "", 0};
const Target k88596{"ISO-8859-6", "ISO-8859-6", "ISO-8859-6", "", 0};
const Target k88597{"ISO-8859-7", "ISO-8859-7", "ISO-8859-7", "", 0};
const Target k88598{"ISO-8859-8", "ISO-8859-8", "ISO-8859-8", "", 0};
const Target k88599{"ISO-8859-9", "ISO-8859-9", "windows-1254", "", 0};
const Target k885913{"ISO-8859-13", "ISO-8859-13", "ISO-8859-13", "", 0};
const Target k885915{"ISO-8859-15", "ISO-8859-15", "ISO-8859-15", "", 0};
const Target kMac{"MacRoman", "macintosh", "macintosh", "", 0};
const Target kTIS{"TIS-620", "TIS-620", "windows-874", "", 0};
const Target kU8{"UTF-8", "UTF-8", "UTF-8", "", 0};
const Target kU8Bom{"UTF-8+BOM", "UTF-8", "UTF-8", "\xEF\xBB\xBF", 3};
const Target kU16LE{"UTF-16LE", "UTF-16LE", "UTF-16LE", "", 0};
const Target kU16BE{"UTF-16BE", "UTF-16BE", "UTF-16BE", "", 0};
const Target kU16LEBom{"UTF-16LE+BOM", "UTF-16LE", "UTF-16LE", "\xFF\xFE", 2};
const Target kU16BEBom{"UTF-16BE+BOM", "UTF-16BE", "UTF-16BE", "\xFE\xFF", 2};
const Target kU32LE{"UTF-32LE", "UTF-32LE", "UTF-32LE", "", 0};
const Target kU32BEBom{"UTF-32BE+BOM", "UTF-32BE", "UTF-32BE", "\x00\x00\xFE\xFF", 4};

struct Plan {
  const char* lang;
  std::vector<const Target*> targets;
};

const std::vector<Plan> kPlan = {
    {"zh-Hans", {&kGB18030, &kGBK, &kU8, &kU8Bom, &kU16LE, &kU16BE, &kU16LEBom, &kU32LE}},
    {"zh-Hant", {&kBig5, &kGB18030, &kU8, &kU16LE, &kU16BEBom}},
    {"ja", {&kSJIS, &kEUCJP, &kJIS, &kU8, &kU16LE, &kU16BEBom}},
    {"ko", {&kEUCKR, &kU8, &kU16LE, &kU32BEBom}},
    {"ru", {&k1251, &kKOI8R, &k866, &k88595, &kU8, &kU16LE}},
    {"uk", {&k1251, &kKOI8U, &kU8}},
    {"bg", {&k1251, &k88595, &kU8}},
    {"el", {&k1253, &k88597, &kU8, &kU16BE}},
    {"he", {&k1255, &k88598, &kU8}},
    {"ar", {&k1256, &k88596, &kU8}},
    {"th", {&kTIS, &kU8}},
    {"vi", {&k1258, &kU8}},
    {"tr", {&k1254, &k88599, &kU8}},
    {"pl", {&k1250, &k88592, &kU8}},
    {"cs", {&k1250, &k88592, &kU8}},
    {"hu", {&k1250, &k88592, &kU8}},
    {"lt", {&k1257, &k885913, &kU8}},
    {"fr", {&k1252, &k885915, &k88591, &kMac, &kU8}},
    {"de", {&k1252, &k885915, &kMac, &kU8, &kU16LEBom}},
    {"es", {&k1252, &k88591, &kMac, &kU8}},
};

// windows-1258 keeps tone marks as combining characters but has precomposed
// base letters with circumflex, breve and horn: decompose, then recompose
// only those.
icu::UnicodeString Vietnamese1258Form(const icu::UnicodeString& s) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
  icu::UnicodeString d = nfd->normalize(s, st);
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    // The combining marks that follow c; a circumflex, breve or horn among
    // them is composed into c when a precomposed letter exists.
    std::vector<UChar32> marks;
    while (i < d.length() && u_getCombiningClass(d.char32At(i)) != 0) {
      marks.push_back(d.char32At(i));
      i += U16_LENGTH(d.char32At(i));
    }
    for (auto it = marks.begin(); it != marks.end(); ++it) {
      if (*it == 0x0302 || *it == 0x0306 || *it == 0x031B) {
        UChar32 comp = nfc->composePair(c, *it);
        if (comp >= 0) {
          c = comp;
          marks.erase(it);
          break;
        }
      }
    }
    out.append(c);
    for (UChar32 m : marks) out.append(m);
  }
  return out;
}

// Encodes strictly; false when a character is not representable.
bool Encode(const icu::UnicodeString& text, const Target& t, std::string& out) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(t.icu, &st);
  if (U_FAILURE(st)) return false;
  ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
  icu::UnicodeString src =
      std::strcmp(t.icu, "windows-1258") == 0 ? Vietnamese1258Form(text) : text;
  std::vector<char> buf(static_cast<size_t>(src.length()) * 8 + 16);
  int32_t n = ucnv_fromUChars(cnv, buf.data(), static_cast<int32_t>(buf.size()), src.getBuffer(),
                              src.length(), &st);
  ucnv_close(cnv);
  if (U_FAILURE(st)) return false;
  out.assign(t.bom, t.bom_len);
  out.append(buf.data(), static_cast<size_t>(n));
  return true;
}

std::string DecodeAs(std::string_view bytes, const char* name) {
  const norm::charset::Encoding* e = norm::charset::Lookup(name);
  std::string out;
  // Same BOM handling as DecodeBytes: a BOM of the chosen encoding is
  // skipped; a bare "UTF-16"/"UTF-32" (uchardet's answer) follows the BOM.
  const norm::charset::Encoding* bom_enc = nullptr;
  size_t bom = norm::detect::Bom(bytes, &bom_enc);
  const std::string_view n = name;
  if (bom && (n == "UTF-16" || n == "UTF-32")) e = bom_enc;
  if (!e) return "\x01unknown";
  if (bom && bom_enc == e) bytes.remove_prefix(bom);
  norm::charset::DecodeWhole(bytes, *e, norm::OnInvalid::kReplace, out);
  return out;
}

struct Tally {
  int n = 0, ours = 0, uchardet = 0;
};

std::string Pct(int a, int n) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f%%", n ? 100.0 * a / n : 0.0);
  return b;
}

bool IsCjk(const std::string& lang) {
  return lang == "zh-Hans" || lang == "zh-Hant" || lang == "ja" || lang == "ko";
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = NORM_DETECT_CORPUS;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--verbose") == 0) {
      verbose = true;
    } else {
      dir = argv[i];
    }
  }
  const std::vector<int> cuts = {32, 64, 128, 256, 0};  // 0 = whole text
  std::map<std::string, Tally> by_cut, by_enc, by_lang, cjk_by_cut;
  std::map<std::string, std::map<std::string, Tally>> by_enc_cut;
  Tally total;
  std::vector<double> seconds_ours, seconds_ud;
  size_t encodings_used = 0;
  std::map<std::string, int> enc_seen;
  for (const Plan& plan : kPlan) {
    std::ifstream in(dir + "/" + plan.lang + ".txt", std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "detect_bench: missing %s/%s.txt\n", dir.c_str(), plan.lang);
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(ss.str());
    for (const Target* t : plan.targets) {
      std::string whole;
      if (!Encode(text, *t, whole)) {
        std::fprintf(stderr, "detect_bench: %s cannot be encoded in %s, skipped\n", plan.lang,
                     t->label);
        continue;
      }
      enc_seen[t->label]++;
      for (int cut : cuts) {
        const int starts = cut ? 16 : 1;
        for (int k = 0; k < starts; ++k) {
          std::string sample;
          if (cut == 0) {
            sample = whole;
          } else {
            // Start at a character boundary k/4 of the way into the text.
            const int32_t at = text.moveIndex32(0, text.countChar32() * k / starts);
            std::string enc;
            if (!Encode(text.tempSubString(at), *t, enc)) continue;
            sample = enc.substr(0, static_cast<size_t>(cut));
          }
          const std::string truth = DecodeAs(sample, t->truth);
          auto t0 = std::chrono::steady_clock::now();
          norm::DecodeOptions opts;
          const norm::Detection d = norm::detect::Detect(sample, opts);
          auto t1 = std::chrono::steady_clock::now();
          std::string ud = norm::detect::Uchardet(sample);
          auto t2 = std::chrono::steady_clock::now();
          seconds_ours.push_back(std::chrono::duration<double>(t1 - t0).count());
          seconds_ud.push_back(std::chrono::duration<double>(t2 - t1).count());
          const bool ours_ok = DecodeAs(sample, d.encoding.c_str()) == truth;
          const bool ud_ok = DecodeAs(sample, ud.empty() ? "UTF-8" : ud.c_str()) == truth;
          const std::string cut_name = cut ? std::to_string(cut) : "whole";
          for (Tally* tl : {&by_cut[cut_name], &by_enc[t->label], &by_lang[plan.lang], &total,
                            &by_enc_cut[t->label][cut_name]}) {
            tl->n++;
            tl->ours += ours_ok;
            tl->uchardet += ud_ok;
          }
          if (IsCjk(plan.lang)) {
            Tally& tl = cjk_by_cut[cut_name];
            tl.n++;
            tl.ours += ours_ok;
            tl.uchardet += ud_ok;
          }
          if (verbose && (!ours_ok || !ud_ok)) {
            std::printf("  %-8s %-13s cut=%-5s ours=%s%s (%s %.2f) uchardet=%s%s\n", plan.lang,
                        t->label, cut_name.c_str(), d.encoding.c_str(), ours_ok ? "" : " WRONG",
                        d.source.c_str(), d.confidence, ud.c_str(), ud_ok ? "" : " WRONG");
            std::string shown;
            for (unsigned char ch : sample) {
              if (ch >= 0x20 && ch < 0x7F) {
                shown.push_back(static_cast<char>(ch));
              } else {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\x%02X", ch);
                shown += hex;
              }
            }
            std::printf("           %s\n", shown.substr(0, 160).c_str());
          }
        }
      }
    }
  }
  encodings_used = enc_seen.size();
  std::printf("# Detection benchmark: %d samples, %zu languages, %zu encodings\n\n", total.n,
              kPlan.size(), encodings_used);
  std::printf("| sample | n | libnorm | uchardet alone |\n|---|---:|---:|---:|\n");
  for (const char* c : {"32", "64", "128", "256", "whole"}) {
    const Tally& t = by_cut[c];
    std::printf("| %s bytes | %d | %s | %s |\n", c, t.n, Pct(t.ours, t.n).c_str(),
                Pct(t.uchardet, t.n).c_str());
  }
  std::printf("| all | %d | %s | %s |\n\n", total.n, Pct(total.ours, total.n).c_str(),
              Pct(total.uchardet, total.n).c_str());
  std::printf("CJK texts (zh-Hans, zh-Hant, ja, ko) in all their encodings:\n\n");
  std::printf("| sample | n | libnorm | uchardet alone |\n|---|---:|---:|---:|\n");
  for (const char* c : {"32", "64", "128", "256", "whole"}) {
    const Tally& t = cjk_by_cut[c];
    std::printf("| %s bytes | %d | %s | %s |\n", c, t.n, Pct(t.ours, t.n).c_str(),
                Pct(t.uchardet, t.n).c_str());
  }
  std::printf("\nBy encoding (all cuts; 32-byte cut in brackets):\n\n");
  std::printf("| encoding | n | libnorm | uchardet alone |\n|---|---:|---:|---:|\n");
  for (const auto& [name, t] : by_enc) {
    const Tally& t32 = by_enc_cut[name]["32"];
    std::printf("| %s | %d | %s (%s) | %s (%s) |\n", name.c_str(), t.n, Pct(t.ours, t.n).c_str(),
                Pct(t32.ours, t32.n).c_str(), Pct(t.uchardet, t.n).c_str(),
                Pct(t32.uchardet, t32.n).c_str());
  }
  std::printf("\nBy language (all cuts):\n\n| language | n | libnorm | uchardet alone |\n");
  std::printf("|---|---:|---:|---:|\n");
  for (const auto& [name, t] : by_lang) {
    std::printf("| %s | %d | %s | %s |\n", name.c_str(), t.n, Pct(t.ours, t.n).c_str(),
                Pct(t.uchardet, t.n).c_str());
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
  };
  std::printf("\nMedian time per sample: libnorm %.1f us, uchardet alone %.1f us\n",
              median(seconds_ours) * 1e6, median(seconds_ud) * 1e6);
  return 0;
}
