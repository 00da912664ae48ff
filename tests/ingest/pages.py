"""Test documents written for these tests (no third-party text)."""

from __future__ import annotations

ARTICLE_PARAGRAPHS = [
    "Logistics firms in the Netherlands installed roughly 1,200 autonomous mobile robots last year, "
    "according to an industry survey, and warehouse managers expect the number to double by 2026.",
    "Order pickers say their work has shifted from walking long aisles to supervising machines and "
    "handling exceptions. Several described the pace as more intense, because the robots set the rhythm.",
    "Unions argue that employers invest too little in retraining. Only a third of the surveyed workers "
    "received any formal instruction before the robots arrived, and many learned from colleagues.",
    "Employers reply that the technology also creates new roles, such as robot technicians and fleet "
    "coordinators, which pay better than picking jobs and require a vocational certificate.",
]

ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Robots in the warehouse: what changes for pickers | Example Times</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:title" content="Robots in the warehouse: what changes for pickers">
</head><body>
<header><nav><a href="/">Home</a> <a href="/tech">Tech</a> <a href="/work">Work</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<main><article>
<h1>Robots in the warehouse: what changes for pickers</h1>
<p class="byline">Written by Jane Doe</p>
<div class="newsletter">Join our daily newsletter for the latest stories on automation. <a href="/subscribe">Join Now</a></div>
<p>{ARTICLE_PARAGRAPHS[0]}</p>
<p>{ARTICLE_PARAGRAPHS[1]}</p>
<h2>Training lags behind</h2>
<p>{ARTICLE_PARAGRAPHS[2]}</p>
<p>Subscribe to our newsletter to get more stories like this in your inbox.</p>
<div class="share"><a href="https://twitter.com/share">Share on Twitter</a>
<a href="https://facebook.com/sharer">Share on Facebook</a></div>
<p>{ARTICLE_PARAGRAPHS[3]}</p>
</article>
<section class="related"><h2>Recent News</h2>
<div><h3><a href="/a">Chip maker unveils a faster accelerator</a></h3>
<p>The new part promises twice the throughput for data centres.</p></div>
<div><h3><a href="/b">City council debates facial recognition</a></h3>
<p>Councillors are split on a proposal to use cameras in the city centre.</p></div>
</section></main>
<footer><p>© 2024 Example Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""

BOILERPLATE_MARKERS = [
    "newsletter",
    "Join Now",
    "Recent News",
    "Chip maker",
    "facial recognition",
    "cookies",
    "Share on",
    "All rights reserved",
    "Written by",
]


def article_page(title: str, paragraphs: list[str], extra: str = "", lang: str = "en") -> str:
    """A minimal article page; `extra` goes inside <article> after the paragraphs."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title></head><body>'
        f'<nav><a href="/">Home</a></nav><main><article><h1>{title}</h1>\n{body}\n{extra}</article></main>'
        "<footer>Footer text</footer></body></html>"
    )


NO_ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Login</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<form><input name="user"><button>Sign in</button></form>
<footer><a href="/privacy">Privacy</a></footer></body></html>"""
