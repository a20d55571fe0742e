"""Reading the input: its kind, markup, masked regions, the article's date."""

from .article_date import ArticleDate, find_article_date, header_end
from .source import Source, read_source

__all__ = ["ArticleDate", "Source", "find_article_date", "header_end", "read_source"]
