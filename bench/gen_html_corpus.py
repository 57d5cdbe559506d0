#!/usr/bin/python3
"""Generates the HTML extraction corpus: realistic news, blog and forum pages
(navigation, ads, share bars, newsletter boxes, comment sections, sidebars,
cookie banners, footers, inline scripts and styles) around an article built
from bench/html_corpus_text.py, with the article's expected text.

Deterministic: the same arguments always give the same bytes.

  /usr/bin/python3 bench/gen_html_corpus.py OUT_DIR [--pages 64] [--size 50000]

Writes OUT_DIR/NNN.html and OUT_DIR/NNN.expected.txt (title, then one
article block per line: paragraphs, subheadings, captions, list items,
table rows).
"""
import argparse
import html
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_corpus_text import LANGS  # noqa: E402

E = html.escape
CJK = ("zh-Hans", "zh-Hant", "ja")


def links(rng, words, base, cls=None, n=None):
    words = list(words)
    if n:
        words = [rng.choice(words) for _ in range(n)]
    c = f' class="{cls}"' if cls else ""
    return "".join(f'<li{c}><a href="{base}/{i}/{rng.randrange(1000, 9999)}">{E(w)}</a></li>'
                   for i, w in enumerate(words))


def cjk_wrap(text, rng):
    """Breaks a CJK paragraph across source lines (as editors' HTML does);
    the reader must join the lines without spaces."""
    if len(text) < 40:
        return E(text)
    cut = rng.randrange(15, len(text) - 15)
    cut2 = rng.randrange(cut + 5, len(text) - 5) if len(text) - cut > 20 else None
    parts = [text[:cut], text[cut:cut2] if cut2 else text[cut:]]
    if cut2:
        parts.append(text[cut2:])
    return "\n        ".join(E(p) for p in parts)


def inline_markup(text, rng, lang):
    """Adds an emphasis or an internal link to a paragraph (text unchanged)."""
    if lang in CJK or lang == "ko":
        if rng.random() < 0.3 and len(text) > 30:
            a, b = 6, 12
            return (cjk_wrap(text[:a], rng) + f'<a href="/topic/{rng.randrange(99)}">' + E(text[a:b]) +
                    "</a>" + cjk_wrap(text[b:], rng))
        return cjk_wrap(text, rng)
    words = text.split(" ")
    if len(words) > 8 and rng.random() < 0.5:
        i = rng.randrange(2, len(words) - 4)
        tag = rng.choice(["em", "strong", "a"])
        seg = " ".join(words[i:i + 2])
        if tag == "a":
            seg_html = f'<a href="https://example.org/ref/{rng.randrange(999)}">{E(seg)}</a>'
        else:
            seg_html = f"<{tag}>{E(seg)}</{tag}>"
        return " ".join(E(w) for w in words[:i]) + " " + seg_html + " " + " ".join(
            E(w) for w in words[i + 2:])
    return E(text)


def padding_assets(rng, n_bytes):
    css = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rng.randrange(0x1000000):06x}}}\n"
                  for i in range(120))
    js_items = []
    size = len(css)
    i = 0
    while size < n_bytes:
        item = (f'window.__cfg{i}={{"slot":"div-gpt-ad-{rng.randrange(10**9)}","sizes":[[300,250],[728,90]],'
                f'"targeting":{{"section":"news","k{i}":"{rng.randrange(10**6)}"}},"lazy":true}};\n')
        js_items.append(item)
        size += len(item)
        i += 1
    return css, "".join(js_items)


def article_body(rng, L, lang, expected):
    paras = rng.sample(L["paras"], k=min(len(L["paras"]), rng.randrange(5, 9)))
    out = []
    ad_at = rng.randrange(2, 4)
    fig_at = rng.randrange(1, 3)
    for i, p in enumerate(paras):
        if i == fig_at:
            cap = L["paras"][(i + 3) % len(L["paras"])].split("。")[0].split(". ")[0][:60]
            lazy = rng.random() < 0.5
            src = f"https://img.example.net/{rng.randrange(10**6)}.jpg"
            img = (f'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="{src}" alt="">'
                   if lazy else f'<img src="{src}" alt="">')
            out.append(f"<figure>{img}<figcaption>{E(cap)}</figcaption></figure>")
            expected.append(cap)
        if i == ad_at:
            out.append(rng.choice([
                f'<div class="ad-slot" id="div-gpt-ad-{rng.randrange(10**6)}"><span>{E(L["ad"])}</span></div>',
                f'<ins class="adsbygoogle" data-ad-client="ca-pub-{rng.randrange(10**9)}"></ins>',
                f'<div class="inline-promo"><p>{E(L["newsletter"])}</p><a href="/subscribe">{E(L["subscribe"])}</a></div>',
                f'<div class="sponsored-teaser"><span>{E(L["ad"])}</span><a href="https://ads.example.com/c?{rng.randrange(10**6)}">{E(rng.choice(L["titles"]))}</a></div>',
            ]))
        if i == 4 and rng.random() < 0.5:
            sub = rng.choice(L["titles"])
            out.append(f"<h2>{E(sub)}</h2>")
            expected.append(sub)
        out.append(f"<p>{inline_markup(p, rng, lang)}</p>")
        expected.append(p)
    r = rng.random()
    if r < 0.25:
        q = rng.choice(L["comments"])
        out.append(f"<blockquote><p>{E(q)}</p></blockquote>")
        expected.append(q)
    elif r < 0.45:
        rows = [(L["nav"][k], str(rng.randrange(5, 60))) for k in range(1, 4)]
        out.append("<table><thead><tr><th>#</th><th>%</th></tr></thead><tbody>" +
                   "".join(f"<tr><td>{E(a)}</td><td>{b}</td></tr>" for a, b in rows) + "</tbody></table>")
        expected.append("# %")
        expected.extend(f"{a} {b}" for a, b in rows)
    elif r < 0.6:
        items = rng.sample(L["comments"], k=3)
        out.append("<ul>" + "".join(f"<li>{E(x)}</li>" for x in items) + "</ul>")
        expected.extend(items)
    return "\n".join(out)


def share_bar(L, title):
    t = E(title)
    return (f'<div class="share-bar"><span>{E(L["share"])}</span>'
            f'<a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.com">Facebook</a>'
            f'<a href="https://twitter.com/intent/tweet?text={t}">X</a>'
            f'<a href="whatsapp://send?text={t}">WhatsApp</a>'
            f'<a href="mailto:?subject={t}">Email</a></div>')


def comments_section(rng, L):
    cs = "".join(f'<li class="comment"><div class="comment-author">user{rng.randrange(999)}</div>'
                 f'<div class="comment-body"><p>{E(c)}</p></div><a href="#reply">Reply</a></li>'
                 for c in rng.sample(L["comments"], k=min(4, len(L["comments"]))))
    return (f'<section id="comments" class="comments-area"><h3>{E(L["comments_h"])}</h3><ol>{cs}</ol>'
            f'<form class="comment-form"><textarea></textarea><button>OK</button></form></section>')


def related(rng, L):
    return (f'<section class="related-articles"><h3>{E(L["related"])}</h3><ul>' +
            links(rng, rng.sample(L["titles"], k=4), "/news") + "</ul></section>")


def news_page(rng, L, lang, site, title, date, expected, size):
    body = article_body(rng, L, lang, expected)
    nav = links(rng, L["nav"], "/section")
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{E(title)} | {site}</title>
<meta property="og:title" content="{E(title)}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="https://{site}/news/{rng.randrange(10**6)}.html">
<style>@@CSS@@</style>
<script>@@JS@@</script>
</head>
<body>
<div id="cookie-notice" class="cookie-banner"><p>{E(L["cookie"])}</p><button>OK</button></div>
<header class="site-header"><div class="logo"><a href="/">{site}</a></div>
<nav class="main-nav"><ul>{nav}</ul></nav>
<div class="search"><form><input type="text"><button>Go</button></form></div></header>
<div class="ad-leaderboard" id="div-gpt-ad-{rng.randrange(10**6)}-0"><span>{E(L["ad"])}</span></div>
<ul class="breadcrumb"><li><a href="/">{E(L["nav"][0])}</a></li><li><a href="/local">{E(L["nav"][1])}</a></li></ul>
<main class="content">
<article class="story">
<h1 class="headline">{E(title)}</h1>
<div class="meta"><span class="author">{E(L["byline"])}</span> <time datetime="{date}">{date[:10]}</time></div>
{share_bar(L, title)}
<div class="story-body">
{body}
</div>
<div class="newsletter-box"><p>{E(L["newsletter"])}</p><form><input type="email"><button>{E(L["subscribe"])}</button></form></div>
</article>
{related(rng, L)}
{comments_section(rng, L)}
</main>
<aside class="sidebar"><div class="widget"><h3>{E(L["more"])}</h3><ul>{links(rng, L["titles"], "/popular")}</ul></div>
<div id="div-gpt-ad-{rng.randrange(10**6)}-1" class="ad-rectangle"></div></aside>
<footer class="site-footer"><ul>{links(rng, L["nav"], "/about")}</ul><p>{E(L["footer"])}</p></footer>
<script>@@JS2@@</script>
</body>
</html>
"""
    return page


def blog_page(rng, L, lang, site, title, date, expected, size):
    body = article_body(rng, L, lang, expected)
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{E(title)} - {site}</title>
<meta name="author" content="{E(L["byline"])}">
<style>@@CSS@@</style>
<script>@@JS@@</script>
</head>
<body class="single-post">
<div id="wrapper">
<div class="topbar">{"".join(f'<a href="/p/{i}">{E(w)}</a> | ' for i, w in enumerate(L["nav"][:6]))}</div>
<div id="menu"><ul>{links(rng, L["nav"], "/cat")}</ul></div>
<div class="container">
<div class="col-main">
<div class="post">
<h2 class="post-title">{E(title)}</h2>
<div class="post-meta">{date[:10]} · {E(L["byline"])}</div>
<div class="entry-content">
{body}
</div>
<div class="sharedaddy sd-sharing-enabled">{share_bar(L, title)}</div>
<div class="post-tags"><a href="/tag/1">{E(L["nav"][2])}</a> <a href="/tag/2">{E(L["nav"][3])}</a></div>
</div>
<div class="post-nav"><a href="/prev">« {E(rng.choice(L["titles"]))}</a> <a href="/next">{E(rng.choice(L["titles"]))} »</a></div>
{comments_section(rng, L)}
</div>
<div class="col-side">
<div class="widget widget_recent"><h4>{E(L["more"])}</h4><ul>{links(rng, L["titles"], "/post")}</ul></div>
<div class="widget widget_archive"><ul>{links(rng, [f"2024-{m:02d}" for m in range(1, 13)], "/archive")}</ul></div>
<div class="textwidget"><p>{E(L["newsletter"])}</p></div>
</div>
</div>
<div class="site-info"><p>{E(L["footer"])}</p></div>
</div>
<script>@@JS2@@</script>
</body>
</html>
"""
    return page


def forum_page(rng, L, lang, site, title, date, expected, size):
    posts = []
    expected.append(title)
    chosen = rng.sample(L["paras"], k=min(len(L["paras"]), rng.randrange(3, 6)))
    for i, p in enumerate(chosen):
        user = f"user{rng.randrange(1000, 9999)}"
        posts.append(f"""<div class="post" id="p{i}">
<div class="postprofile"><a href="/u/{user}">{user}</a><span>Posts: {rng.randrange(1, 5000)}</span></div>
<div class="postbody"><div class="postdate">{date[:10]}</div><div class="content">{inline_markup(p, rng, lang)}</div>
<div class="signature">— {user} · {E(rng.choice(L["nav"]))}</div></div>
<div class="post-buttons"><a href="/quote/{i}">Quote</a> <a href="/report/{i}">!</a></div>
</div>""")
        expected.append(p)
    del expected[0]  # the title is added by the caller
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{E(title)} - {site} forum</title>
<style>@@CSS@@</style><script>@@JS@@</script></head>
<body>
<div class="forum-header"><a href="/">{site}</a><ul class="navbar">{links(rng, L["nav"], "/f")}</ul>
<a href="/login">Login</a> <a href="/register">Register</a></div>
<div class="breadcrumbs"><a href="/">{E(L["nav"][0])}</a> › <a href="/f/3">{E(L["nav"][5])}</a></div>
<h1 class="topic-title">{E(title)}</h1>
<div class="pagination"><a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">3</a></div>
<div class="topic">
{"".join(posts)}
</div>
<div class="pagination"><a href="?p=1">1</a> <a href="?p=2">2</a></div>
<div class="forum-stats"><p>Users online: {rng.randrange(20, 300)}</p></div>
<div id="page-footer"><p>{E(L["footer"])}</p><p>Powered by phpBB</p></div>
<script>@@JS2@@</script>
</body></html>
"""
    return page


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=64)
    ap.add_argument("--size", type=int, default=50000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    langs = list(LANGS)
    kinds = [news_page, blog_page, forum_page]
    for n in range(args.pages):
        rng = random.Random(1000 + n)
        lang = langs[n % len(langs)]
        L = LANGS[lang]
        kind = kinds[(n // len(langs)) % len(kinds)]
        title = L["titles"][n % len(L["titles"])]
        site = f"site{n % 9}.example.com"
        date = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{(7 * n) % 60:02d}:00Z"
        expected = [title]
        page = kind(rng, L, lang, site, title, date, expected, args.size)
        base = len(page.replace("@@CSS@@", "").replace("@@JS@@", "").replace("@@JS2@@", "").encode())
        css, js = padding_assets(rng, max(0, args.size - base))
        half = len(js) // 2
        page = page.replace("@@CSS@@", css, 1)
        page = page.replace("@@JS@@", js[:half], 1).replace("@@JS2@@", js[half:], 1)
        with open(os.path.join(args.out, f"{n:03d}.html"), "w", encoding="utf-8") as f:
            f.write(page)
        with open(os.path.join(args.out, f"{n:03d}.expected.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(expected) + "\n")


if __name__ == "__main__":
    main()
