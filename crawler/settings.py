"""Scrapy settings for leadscout's crawler: polite and safe by default.

`leadscout crawl` overrides the LEADSCOUT_* values per job; `scrapy crawl sites`
works too with LEADSCOUT_DB / LEADSCOUT_JOB_ID given as -s options.
"""

BOT_NAME = "leadscout"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Honest identification; the contact URL comes from configuration (LEADSCOUT_USER_AGENT).
USER_AGENT = "leadscout/0.1 (+https://github.com/leadscout/leadscout; lead research crawler)"

# Politeness: robots.txt, at most 2 requests in flight per site, a delay, AutoThrottle.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# A page yields one item and a few dozen requests; Scrapy starts this many tasks per response.
CONCURRENT_ITEMS = 16
DOWNLOAD_DELAY = 0.5
# Scrapy's randomisation would wait as little as half the delay; the delay is a floor here.
RANDOMIZE_DOWNLOAD_DELAY = False
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Safety caps: body size after decompression, time, retries, redirects, depth.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
LEADSCOUT_RETRY_BACKOFF_BASE = 1.0  # seconds; the n-th retry waits up to base * 2**n (full jitter)
LEADSCOUT_RETRY_BACKOFF_MAX = 30.0
LEADSCOUT_MAX_RETRY_AFTER = 300.0  # a longer Retry-After gives the URL up instead of holding the crawl
REDIRECT_MAX_TIMES = 5
METAREFRESH_MAXDELAY = 10
DEPTH_LIMIT = 4
COOKIES_ENABLED = False
# The store's frontier de-duplicates URLs; Scrapy's own filter would drop a redirect loop's
# repeat silently, leaving its URL pending forever. Redirect loops end at REDIRECT_MAX_TIMES.
DUPEFILTER_CLASS = "scrapy.dupefilters.BaseDupeFilter"
TELNETCONSOLE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    # Before everything that could open a socket (robots.txt included: it goes through here too).
    "crawler.middlewares.ssrf.SSRFGuardMiddleware": 50,
    # robots.txt fail-closed (RFC 9309) instead of Scrapy's fail-open one, at the same place.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.FailClosedRobotsTxtMiddleware": 100,
    # Retries that honour Retry-After and back off with jitter, instead of Scrapy's immediate ones.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.backoff.BackoffRetryMiddleware": 550,
    # Sees responses before HttpCompressionMiddleware (590) decompresses them.
    "crawler.middlewares.integrity.CompleteBodyMiddleware": 595,
}
ITEM_PIPELINES = {
    "crawler.pipelines.PageSinkPipeline": 300,
}

# leadscout's own settings.
LEADSCOUT_DB = "sqlite:///leadscout.db"
LEADSCOUT_JOB_ID = None
LEADSCOUT_ALLOW_PRIVATE = False  # only tests and `leadscout demo` turn this on
LEADSCOUT_ALLOW_NETWORKS: list[str] = []  # CIDRs of non-public networks that may be crawled
LEADSCOUT_DNS_SERVER = None  # "host:port" of the DNS server to use; None = the system resolver
LEADSCOUT_MAX_PAGES_PER_SITE = 25
LEADSCOUT_SITE = None  # crawl only this site of the job (one distributed site task); None = all
LEADSCOUT_FOCUSED = True  # rank links and read sitemaps; False = breadth-first in page order (benchmarks)

# Resolves names for connections and refuses non-public answers at connect time (DNS rebinding).
TWISTED_DNS_RESOLVER = "crawler.resolver.GuardedResolver"

LOG_LEVEL = "INFO"
