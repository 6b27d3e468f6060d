"""Bilingual (zh/en) hybrid search: dense (faiss or Milvus) + keyword (BM25, jieba) + cross-lingual alignment.

Entry points: :class:`index.search.SearchIndex` (``load`` then ``search``), :func:`index.builder.build_index`,
and the build step :func:`index.build_step.search_index`. Heavy libraries load lazily.
"""
