"""Reading the input: the article's date and where it came from."""

from .article_date import ArticleDate, find_article_date, header_end

__all__ = ["ArticleDate", "find_article_date", "header_end"]
