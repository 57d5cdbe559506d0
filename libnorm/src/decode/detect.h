// Encoding detection: the evidence chain behind DetectEncoding (decode.h).
// Internal.
//
// Evidence, strongest first:
//   1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE)          source=bom
//   2. DecodeOptions::from_code, when not "auto"                     source=user
//   3. UTF-16/UTF-32 without BOM, from the pattern of NUL bytes      source=model
//   4. ISO-2022-JP/KR escape sequences in 7-bit input               source=detector
//   5. a declaration in the document (HTML <meta charset>, http-equiv,
//      XML declaration, front matter `encoding:`/`charset:`) naming any
//      encoding ICU or iconv knows, trusted only when the window decodes
//      with it without an error, and not when it names a single-byte or
//      legacy encoding while the bytes are valid non-ASCII UTF-8 source=declared
//   6. strict UTF-8 validation (pure ASCII is UTF-8; an incomplete
//      character cut off at the very end does not count against it) source=utf8
//   7. two models, and uchardet (whatever it names) where their answer is
//      contestable: every candidate encoding of the table (narrowed by
//      DecodeOptions::lang; the rarest only when named) and the declaration
//      decode a sample (the first kilobyte, or the lines holding non-ASCII
//      bytes); the generic character model (text_model.h) scores each
//      decoding, invalid sequences are penalised, and the per-language
//      letter model (lang_model.h) adds its evidence for those still in the
//      race. A common encoding whose reading beats every other text by more
//      than uchardet's bonus could make up is the answer (source=model; a
//      single-byte one at most 0.85 sure); otherwise uchardet's answer joins the race with a
//      bonus, so that the models override it only on clear evidence, and a
//      reading into a script no letter model checks (Hebrew, Arabic) only
//      by 10 nats more                                    source=detector|model
// The reported name is charset_report.h's: the narrowest standard name the
// bytes warrant.
#pragma once

#include <string>
#include <string_view>

#include "charset.h"
#include "norm/decode.h"
#include "norm/options.h"

namespace norm::detect {

// The full chain. An unknown from_code gives an empty encoding (the caller
// reports it).
Detection Detect(std::string_view bytes, const DecodeOptions& options);

// uchardet's answer for bytes (its own charset name, empty if none): the
// baseline in the detection benchmark.
std::string Uchardet(std::string_view bytes);

// The encoding a document declares in its first bytes (meta charset,
// http-equiv, XML declaration, front matter), or empty.
std::string DeclaredCharset(std::string_view bytes);

// Length of the byte order mark that starts bytes and the encoding it names,
// or 0 and nullptr.
size_t Bom(std::string_view bytes, const charset::Encoding** encoding);

}  // namespace norm::detect
