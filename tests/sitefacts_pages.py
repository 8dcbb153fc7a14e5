"""Pages for the company-facts tests: a WordPress site, a Shopify shop, a Next.js app, a German imprint."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from enrichment.sitepages import SitePage

FETCHED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

WORDPRESS = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Home | Acme Widgets</title>
<meta name="generator" content="WordPress 6.5.2">
<meta property="og:site_name" content="Acme Widgets Ltd">
<link rel='stylesheet'
 href='https://acme-widgets.co.uk/wp-content/plugins/contact-form-7/includes/css/styles.css?ver=5.9'>
<link rel='stylesheet' href='/wp-content/plugins/woocommerce/assets/css/woocommerce.css?ver=8.7'>
<script src='/wp-content/plugins/wordpress-seo/js/dist/indexation.js'></script>
<link rel='stylesheet' href='/wp-content/themes/astra/style.min.css?ver=4.6'>
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}
gtag('js', new Date()); gtag('config', 'G-ABC123XYZ');</script>
</head><body class="home page-template-default">
<header class="site-header"><nav><a href="/">Home</a> <a href="/team/">Team</a> <a href="/contact/">Contact</a>
<a href="https://www.linkedin.com/company/acme-widgets/">LinkedIn</a>
<a href="https://twitter.com/acmewidgets">X</a></nav>
</header>
<main><h1>Widgets made in Bristol</h1><p>Founded in 1998, we are a team of 40 engineers.</p>
<div class="team"><div class="card"><h3>Jane Doe</h3><p>Head of Sales</p>
<a href="https://www.linkedin.com/in/janedoe">Jane on LinkedIn</a></div></div></main>
<footer class="site-footer"><p>Acme Widgets Ltd &middot; 12 High Street &middot; Bristol BS1 4DJ</p>
<p>&copy; 2026 Acme Widgets Ltd | Website by <a href="https://pixelforge.example/work">Pixel Forge Studio</a></p>
<p><a href="https://www.facebook.com/acmewidgets">Facebook</a>
<a href="https://www.instagram.com/acmewidgets/">Instagram</a>
<a href="https://www.youtube.com/@acmewidgets">YouTube</a> <a href="https://github.com/acme-widgets">GitHub</a>
<a href="https://www.facebook.com/sharer/sharer.php?u=https://acme-widgets.co.uk/">Share</a></p>
</footer></body></html>"""

WORDPRESS_CAREERS = """<!doctype html><html lang="en-GB"><head><title>Careers | Acme Widgets</title>
<meta property="og:site_name" content="Acme Widgets Ltd">
<link rel='stylesheet' href='/wp-content/plugins/wp-job-manager/assets/css/frontend.css'></head>
<body><main><h1>Join us</h1><h3>Senior Accountant</h3><h3>Data Engineer</h3><h3>Field Service Technician</h3>
<h3>Questions about a role?</h3></main>
<footer><p>Acme Widgets Ltd &middot; 12 High Street &middot; Bristol BS1 4DJ</p></footer></body></html>"""

SHOPIFY = """<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>Northwind Goods</title>
<meta property="og:site_name" content="Northwind Goods">
<link rel="stylesheet" href="//northwind.example/cdn/shop/t/3/assets/base.css">
<link rel="stylesheet" href="//cdn.shopify.com/s/files/1/0000/0001/t/1/assets/theme.css">
<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;
j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-AB12CD3');</script>
<script src="https://cdn.segment.com/analytics.js/v1/abcdefabcdefabcdefab/analytics.min.js"></script>
<script defer data-domain="northwind.example" src="https://plausible.io/js/script.js"></script>
<script type="text/javascript" id="hs-script-loader" async defer src="//js.hs-scripts.com/1234567.js"></script>
</head><body><main><h1>Outdoor gear</h1></main>
<footer><p>Northwind Goods, 500 Pine Street, Seattle, WA 98101</p>
<p>Designed by Rainier Creative. &copy; 2026</p></footer></body></html>"""

NEXTJS = """<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>Lumen Labs — AI for clinics</title>
<meta name="author" content="Lumen Labs Inc."/>
<link rel="preload" href="/_next/static/css/app.css" as="style"/>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Lumen Labs Inc.",
"address":{"@type":"PostalAddress","streetAddress":"1 Harbour Road","addressLocality":"Galway","postalCode":"H91 X2C3",
"addressCountry":"IE"},"sameAs":["https://www.linkedin.com/company/lumen-labs-example"]}</script>
</head><body><div id="__next"><main><h1>Clinic software</h1></main></div>
<script>var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']);
(function() { var u="https://stats.lumen.example/"; _paq.push(['setTrackerUrl', u+'matomo.php']);
var g=document.createElement('script'); g.src=u+'matomo.js'; })();</script>
<script id="__NEXT_DATA__" type="application/json">{"props":{},"page":"/"}</script>
<script src="/_next/static/chunks/main-8f2c1e.js" defer=""></script></body></html>"""

IMPRESSUM = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Impressum - Müller &amp; Söhne Feinmechanik GmbH</title></head><body>
<div id="nav"><a href="/">Startseite</a> <a href="/impressum">Impressum</a></div>
<main><h1>Impressum</h1><p>Angaben gemäß § 5 DDG</p>
<p>Müller &amp; Söhne Feinmechanik GmbH<br>Industriestraße 7a<br>73730 Esslingen am Neckar<br>Deutschland</p>
<p>Telefon: +49 711 1234560<br>E-Mail: info@mueller-soehne.de</p>
<p>Registergericht: Amtsgericht Stuttgart<br>Handelsregister: HRB 12345<br>USt-IdNr.: DE123456789</p>
<p>Realisierung: <a href="https://webwerk-stuttgart.example/">Webwerk Stuttgart</a></p>
</main></body></html>"""

MICRODATA = """<html lang="fr-FR"><head><title>Contact — Atelier Brunet</title></head><body>
<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Atelier Brunet SARL</span>
<div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
<span itemprop="streetAddress">12 rue des Tanneurs</span> <span itemprop="postalCode">69002</span>
<span itemprop="addressLocality">Lyon</span> <span itemprop="addressCountry">FR</span></div></div></body></html>"""

CLOUDFLARE_NGINX = {"server": "cloudflare", "cf-ray": "8a1b2c3d4e5f6a7b-LHR", "x-powered-by": "PHP/8.2.10"}
VERCEL = {"server": "Vercel", "x-vercel-id": "fra1::iad1::abcde-1700000000000-0123456789ab", "x-powered-by": "Next.js"}
NGINX_FASTLY = {"server": "nginx/1.25.3", "via": "1.1 varnish", "x-served-by": "cache-fra-etou8220062-FRA",
                "x-shopid": "12345678"}


def page(url: str, html: str, headers: dict[str, str] | None = None, *, title: str | None = None) -> SitePage:
    """A stored page as the stage reads it (body hash from the HTML)."""
    return SitePage(url=url, title=title, html=html, headers=headers or {}, fetched_at=FETCHED,
                    sha256=hashlib.sha256(html.encode()).hexdigest())
