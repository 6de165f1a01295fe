"""MediaWiki wikitext in the record-book style: writing season tables and reading them back."""
