#!/usr/bin/python3
"""Trains and exports the PyTorch test models that `evaluate` is checked against (tests/.../PyTorchFixtureTests.cs).

Run by hand with Debian's python3-torch, python3-onnx and python3-sklearn; CI uses the committed outputs and never
needs torch:

    /usr/bin/python3 tests/CompressionSafety.Evaluation.Tests/Fixtures/PyTorch/make_fixtures.py

Two models, each exported with torch.onnx.export and turned into variants with the onnx package:
- tabular: scikit-learn's breast cancer data set, a 30-32-2 MLP with logits output (standardization inside the model);
- text: a WordPiece text classifier (embedding, attention-masked mean pooling, linear logits) over a tiny vocab.
Variants: fp32 (baseline), fp16 (float16 initializers + Cast), int8-weight (int8 per-row symmetric weights with
DequantizeLinear, a weight-only QDQ model: no integer activation kernel, so no host-dependent saturation) and
pruned-90 (90% of each weight matrix's smallest magnitudes zeroed). golden.json holds what PyTorch computes on the
suites: accuracy and the Brier score of the safety-positive softmax probability, per variant.
"""
import json
import os
import random

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261201
PRUNE = 0.9


def seed_all():
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)


# ---------- variants (applied to a torch model; the ONNX files are exported from the transformed model) ----------

def weight_params(model):
    return [p for p in model.parameters() if p.dim() == 2]


def fp16_rounded(model):
    with torch.no_grad():
        for t in list(model.parameters()) + list(model.buffers()):
            if t.dtype == torch.float32:
                t.copy_(t.half().float())
    return model


def int8_dequantized(model):
    with torch.no_grad():
        for p in weight_params(model):
            scale = p.abs().amax(dim=1, keepdim=True) / 127.0
            scale[scale == 0] = 1.0
            p.copy_(torch.clamp(torch.round(p / scale), -127, 127) * scale)
    return model


def pruned(model, fraction):
    with torch.no_grad():
        for p in weight_params(model):
            flat = p.abs().flatten()
            k = int(round(fraction * flat.numel()))
            order = torch.argsort(flat, stable=True)
            mask = torch.ones_like(flat)
            mask[order[:k]] = 0
            p.mul_(mask.view_as(p))
    return model


def to_fp16_onnx(path):
    """Every float initializer becomes float16, followed by a Cast back to float (weights stored in half precision)."""
    m = onnx.load(path)
    g = m.graph
    casts = []
    for init in list(g.initializer):
        if init.data_type != TensorProto.FLOAT:
            continue
        arr = numpy_helper.to_array(init).astype(np.float16)
        name = init.name
        g.initializer.remove(init)
        g.initializer.append(numpy_helper.from_array(arr, name + "_fp16"))
        casts.append(helper.make_node("Cast", [name + "_fp16"], [name], to=TensorProto.FLOAT))
    nodes = casts + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def to_int8_qdq_onnx(path):
    """Every 2-D float initializer (a weight matrix, already dequantized in torch) becomes int8 + per-row scale + DequantizeLinear."""
    m = onnx.load(path)
    g = m.graph
    dq = []
    for init in list(g.initializer):
        if init.data_type != TensorProto.FLOAT or len(init.dims) != 2:
            continue
        w = numpy_helper.to_array(init)
        scale = np.abs(w).max(axis=1) / np.float32(127.0)
        scale[scale == 0] = 1.0
        q = np.clip(np.rint(w / scale[:, None]), -127, 127).astype(np.int8)
        name = init.name
        g.initializer.remove(init)
        g.initializer.extend([
            numpy_helper.from_array(q, name + "_q"),
            numpy_helper.from_array(scale.astype(np.float32), name + "_scale"),
            numpy_helper.from_array(np.zeros(w.shape[0], dtype=np.int8), name + "_zero"),
        ])
        dq.append(helper.make_node("DequantizeLinear", [name + "_q", name + "_scale", name + "_zero"], [name], axis=0))
    nodes = dq + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def golden(probabilities, expected, positive):
    predicted = probabilities.argmax(axis=1)
    is_positive = (expected == positive).astype(np.float64)
    return {
        "accuracy": float((predicted == expected).mean()),
        "brier": float(((probabilities[:, positive].astype(np.float64) - is_positive) ** 2).mean()),
    }


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, separators=(",", ":")) + "\n")


def sha256(path):
    import hashlib
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def registry_entry(name, folder, extra):
    files = []
    for variant, meta in VARIANTS:
        rel = f"{folder}/{variant}.onnx"
        files.append({"name": variant, "file": rel, "sha256": sha256(os.path.join(HERE, rel)), "compression": meta})
    entry = {"name": name}
    entry.update(extra)
    entry["baseline"] = files[0]
    entry["variants"] = files[1:]
    return entry


VARIANTS = [
    ("fp32", {"method": "none", "weight_bits": "32", "exported_by": "torch.onnx.export"}),
    ("fp16", {"method": "half-precision-weights", "weight_bits": "16"}),
    ("int8-weight", {"method": "weight-quantization", "weight_bits": "8", "format": "QDQ", "granularity": "per-row"}),
    ("pruned-90", {"method": "magnitude-pruning", "weight_bits": "32", "sparsity": str(PRUNE)}),
]


def build_variants(make_model, trained_state, export, evaluate, folder):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    numbers = {}
    transforms = {"fp32": lambda m: m, "fp16": fp16_rounded, "int8-weight": int8_dequantized, "pruned-90": lambda m: pruned(m, PRUNE)}
    for variant, _ in VARIANTS:
        model = make_model()
        model.load_state_dict(trained_state)
        model = transforms[variant](model).eval()
        path = os.path.join(HERE, folder, variant + ".onnx")
        export(model, path)
        if variant == "fp16":
            to_fp16_onnx(path)
        elif variant == "int8-weight":
            to_int8_qdq_onnx(path)
        numbers[variant] = evaluate(model)
    return numbers


# ---------- tabular: breast cancer, logits ----------

class Tabular(torch.nn.Module):
    def __init__(self, mean=None, std=None):
        super().__init__()
        self.register_buffer("mean", torch.zeros(30) if mean is None else mean)
        self.register_buffer("std", torch.ones(30) if std is None else std)
        self.fc1 = torch.nn.Linear(30, 32)
        self.fc2 = torch.nn.Linear(32, 2)

    def forward(self, features):
        x = (features - self.mean) / self.std
        return self.fc2(torch.relu(self.fc1(x)))


def tabular():
    seed_all()
    data = load_breast_cancer()
    x = data.data.astype(np.float32)
    y = data.target.astype(np.int64)  # 0 malignant, 1 benign
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.5, random_state=SEED % 1000, stratify=y)
    mean = torch.tensor(x_train.mean(axis=0))
    std = torch.tensor(x_train.std(axis=0) + 1e-6)
    model = Tabular(mean, std)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    xt, yt = torch.tensor(x_train), torch.tensor(y_train)
    for _ in range(300):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(xt), yt)
        loss.backward()
        opt.step()
    state = model.state_dict()
    labels = ["malignant", "benign"]
    positive = 0  # a missed malignant tumour is the unsafe miss
    median_radius = float(np.median(x_test[:, 0]))
    rows = []
    for i, (features, label) in enumerate(zip(x_test, y_test)):
        rows.append({
            "id": f"bc-{i + 1:04d}",
            "features": [float(str(np.float32(v))) for v in features],  # shortest text that reads back as the same float32
            "expected": labels[label],
            "tags": ["routine"],
            "slices": {"radius": "large" if features[0] > median_radius else "small"},
        })
    write_jsonl(os.path.join(HERE, "tabular", "suite.jsonl") if os.path.isdir(os.path.join(HERE, "tabular")) else _mk(HERE, "tabular", "suite.jsonl"), rows)
    suite_x = torch.tensor(np.array([r["features"] for r in rows], dtype=np.float32))

    def export(m, path):
        torch.onnx.export(m, suite_x[:2], path, input_names=["features"], output_names=["logits"],
                          dynamic_axes={"features": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)

    def evaluate(m):
        with torch.no_grad():
            p = torch.softmax(m(suite_x), dim=1).numpy()
        return golden(p, y_test, positive)

    numbers = build_variants(lambda: Tabular(), state, export, evaluate, "tabular")
    entry = registry_entry("breast-cancer-mlp", "tabular", {
        "inputs": [{"name": "features", "source": "features"}],
        "output": {"name": "logits", "kind": "logits"},
        "labels": labels,
        "safety_positive_label": labels[positive],
    })
    return entry, numbers, len(rows)


def _mk(*parts):
    os.makedirs(os.path.join(*parts[:-1]), exist_ok=True)
    return os.path.join(*parts)


# ---------- text: WordPiece classifier ----------

SAFE_WORDS = ["thanks", "great", "helpful", "kind", "friendly", "lovely", "wonderful", "nice", "happy", "welcome", "calm", "polite"]
UNSAFE_WORDS = ["hate", "stupid", "idiot", "awful", "ugly", "dumb", "threat", "attack", "disgusting", "nasty", "loser", "pathetic"]
FILLER = ["the", "a", "you", "are", "this", "is", "so", "very", "really", "i", "think", "that", "post", "comment", "was", "and",
          "your", "my", "what", "people", "here", "today", "again", "just", "all", "of", "it", "we", "they", "not"]
PIECES = ["un", "##friend", "##ly", "##help", "##ful", "super", "##nice", "##kind", "hat", "##er", "##s", "##ing", "##ed"]
PUNCT = [".", ",", "!", "?", "@", "'"]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def vocab():
    words = SPECIAL + PUNCT + sorted(set(FILLER + SAFE_WORDS + UNSAFE_WORDS)) + PIECES + list("abcdefghijklmnopqrstuvwxyz")
    return list(dict.fromkeys(words))  # single letters that are also words ("a", "i") appear once


def basic_tokens(text):
    """BERT's basic tokenizer for ASCII text: lowercase, split on whitespace, each punctuation mark its own token."""
    out = []
    for word in text.lower().split():
        current = ""
        for ch in word:
            if not ch.isalnum():
                if current:
                    out.append(current)
                out.append(ch)
                current = ""
            else:
                current += ch
        if current:
            out.append(current)
    return out


def wordpiece(tokens, ids):
    """Greedy longest-match-first WordPiece, as BERT (and Microsoft.ML.Tokenizers' BertTokenizer) does it."""
    out = []
    for token in tokens:
        start, pieces, bad = 0, [], False
        while start < len(token):
            end, found = len(token), None
            while start < end:
                piece = token[start:end] if start == 0 else "##" + token[start:end]
                if piece in ids:
                    found = piece
                    break
                end -= 1
            if found is None:
                bad = True
                break
            pieces.append(ids[found])
            start = end
        out.extend([ids["[UNK]"]] if bad else pieces)
    return out


def encode(text, ids, max_length):
    pieces = wordpiece(basic_tokens(text), ids)[: max_length - 2]
    row = [ids["[CLS]"]] + pieces + [ids["[SEP]"]]
    mask = [1] * len(row) + [0] * (max_length - len(row))
    return row + [ids["[PAD]"]] * (max_length - len(row)), mask


def sentence(rng, label):
    words = [rng.choice(FILLER) for _ in range(rng.randint(3, 9))]
    cues = UNSAFE_WORDS if label == 1 else SAFE_WORDS
    # Some sentences carry a cue of the other class too, so the task is not trivially separable.
    for _ in range(rng.randint(1, 2)):
        words.insert(rng.randint(0, len(words)), rng.choice(cues))
    if rng.random() < 0.25:
        words.insert(rng.randint(0, len(words)), rng.choice(SAFE_WORDS if label == 1 else UNSAFE_WORDS))
    if rng.random() < 0.2:
        words.insert(rng.randint(0, len(words)), rng.choice(["unfriendly", "unhelpful", "supernice", "haters", "zzzq"]))
    text = " ".join(words)
    if rng.random() < 0.5:
        text = text[0].upper() + text[1:] + rng.choice(PUNCT[:4])
    return text


class TextClassifier(torch.nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.embedding = torch.nn.Embedding(vocab_size, 16)
        self.fc = torch.nn.Linear(16, 2)

    def forward(self, input_ids, attention_mask):
        mask = attention_mask.unsqueeze(-1).to(torch.float32)
        summed = (self.embedding(input_ids) * mask).sum(dim=1)
        return self.fc(summed / mask.sum(dim=1).clamp(min=1.0))


def text():
    seed_all()
    rng = random.Random(SEED)
    words = vocab()
    ids = {w: i for i, w in enumerate(words)}
    folder = os.path.join(HERE, "text")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(words) + "\n")
    max_length = 24
    labels = ["ok", "toxic"]

    def batch(n):
        ys = [rng.randint(0, 1) for _ in range(n)]
        texts = [sentence(rng, y) for y in ys]
        enc = [encode(t, ids, max_length) for t in texts]
        return texts, np.array(ys), torch.tensor([e[0] for e in enc]), torch.tensor([e[1] for e in enc])

    _, y_train, ids_train, mask_train = batch(3000)
    model = TextClassifier(len(words))
    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    yt = torch.tensor(y_train)
    for _ in range(150):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(ids_train, mask_train), yt)
        loss.backward()
        opt.step()
    state = model.state_dict()
    texts, y_test, ids_test, mask_test = batch(600)
    rows = []
    for i, (t, y) in enumerate(zip(texts, y_test)):
        adversarial = any(w in t for w in ("zzzq", "unfriendly", "unhelpful", "supernice", "haters"))
        rows.append({
            "id": f"tx-{i + 1:04d}",
            "text": t,
            "expected": labels[y],
            "tags": ["adversarial" if adversarial else "routine"],
            "slices": {"length": "long" if len(t.split()) > 8 else "short"},
        })
    write_jsonl(os.path.join(folder, "suite.jsonl"), rows)

    def export(m, path):
        torch.onnx.export(m, (ids_test[:2], mask_test[:2]), path, input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}},
                          opset_version=13)

    def evaluate(m):
        with torch.no_grad():
            p = torch.softmax(m(ids_test, mask_test), dim=1).numpy()
        return golden(p, y_test, 1)

    numbers = build_variants(lambda: TextClassifier(len(words)), state, export, evaluate, "text")
    entry = registry_entry("toxicity-wordpiece", "text", {
        "inputs": [{"name": "input_ids", "source": "token_ids"}, {"name": "attention_mask", "source": "attention_mask"}],
        "output": {"name": "logits", "kind": "logits"},
        "tokenizer": {"kind": "wordpiece", "vocab": "text/vocab.txt", "lowercase": True, "max_length": max_length},
        "labels": labels,
        "safety_positive_label": "toxic",
    })
    tokens = [{"id": rows[i]["id"], "input_ids": ids_test[i].tolist(), "attention_mask": mask_test[i].tolist()} for i in range(20)]
    return entry, numbers, len(rows), tokens


def main():
    tab_entry, tab_numbers, tab_cases = tabular()
    text_entry, text_numbers, text_cases, tokens = text()
    registry = {"schema_version": 1, "models": [tab_entry, text_entry]}
    with open(os.path.join(HERE, "registry.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(registry, f, indent=2)
        f.write("\n")
    gold = {
        "generated_by": "make_fixtures.py with torch " + torch.__version__ + ", onnx " + onnx.__version__,
        "definitions": "accuracy: arg-max == expected; brier: mean (softmax[safety_positive] - [expected == safety_positive])^2",
        "models": {
            "breast-cancer-mlp": {"suite": "tabular/suite.jsonl", "cases": tab_cases, "variants": tab_numbers},
            "toxicity-wordpiece": {"suite": "text/suite.jsonl", "cases": text_cases, "variants": text_numbers, "first_tokens": tokens},
        },
    }
    with open(os.path.join(HERE, "golden.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(gold, f, indent=2)
        f.write("\n")
    print(json.dumps({k: v["variants"] for k, v in gold["models"].items()}, indent=1))


if __name__ == "__main__":
    main()
