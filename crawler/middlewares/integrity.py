"""Refuses compressed bodies that end early (truncated gzip, deflate, brotli, zstd streams).

Scrapy's decompression keeps whatever a truncated gzip stream yields, which
would store half a page as if it were the page. This middleware runs before
decompression and checks that the stream reaches its end marker; an
incomplete one is retried like a dropped connection, then failed.
"""

from __future__ import annotations

import zlib

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

CHUNK = 1 << 20


class TruncatedBody(IgnoreRequest):
    """The compressed body ended before its end marker, on every try."""


def stream_complete(body: bytes, encoding: str, *, limit: int) -> bool:
    """Whether ``body`` is a complete stream in ``encoding``; True when unknown or larger than ``limit``.

    Output is decompressed chunk by chunk and thrown away, so memory stays flat;
    past ``limit`` bytes of output the size cap (Scrapy's) decides instead.
    """
    try:
        if encoding in ("gzip", "x-gzip", "deflate"):
            wbits = 47 if encoding != "deflate" else (15 if body[:1] == b"\x78" else -15)  # 47: gzip or zlib
            decoder = zlib.decompressobj(wbits)
            produced = len(decoder.decompress(body, CHUNK))
            while decoder.unconsumed_tail and produced <= limit:
                produced += len(decoder.decompress(decoder.unconsumed_tail, CHUNK))
            return decoder.eof or produced > limit
        if encoding == "br":
            import brotli

            decoder = brotli.Decompressor()
            decoder.process(body)
            return decoder.is_finished()
        if encoding == "zstd":
            from backports import zstd

            decoder = zstd.ZstdDecompressor()
            produced = len(decoder.decompress(body, CHUNK))
            while not decoder.eof and not decoder.needs_input and produced <= limit:
                produced += len(decoder.decompress(b"", CHUNK))
            return decoder.eof or produced > limit
    except (zlib.error, Exception):  # noqa: BLE001 - a corrupt stream is Scrapy's to report
        return True
    return True


class CompleteBodyMiddleware:
    """Downloader middleware placed after HttpCompressionMiddleware (so it sees the raw stream first)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.limit = crawler.settings.getint("DOWNLOAD_MAXSIZE") or 1 << 30

    @classmethod
    def from_crawler(cls, crawler) -> CompleteBodyMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        encoding = response.headers.get(b"Content-Encoding", b"").decode("latin-1").strip().lower()
        if not encoding or not response.body or stream_complete(response.body, encoding, limit=self.limit):
            return response
        self.crawler.stats.inc_value("leadscout/page_dropped/truncated_body")
        retry = get_retry_request(request, spider=self.crawler.spider, reason="truncated_body")
        if retry is None:
            raise TruncatedBody(f"{encoding} body ended early")
        return retry
