import numpy as np


class EmbeddingHead:
    def __init__(self, weight, bias):
        self.weight = np.asarray(weight, dtype=np.float64)
        self.bias = np.asarray(bias, dtype=np.float64)

    def forward(self, hidden, mask):
        if hidden.ndim != 3 or hidden.shape[2] != self.weight.shape[1] or mask.shape != hidden.shape[:2]:
            raise ValueError("hidden and mask do not match the head")
        m = mask.astype(np.float64)[:, :, None]
        total = (hidden * m).sum(axis=1)
        count = np.maximum(m.sum(axis=1), 1.0)
        proj = (total / count) @ self.weight.T + self.bias
        norms = np.linalg.norm(proj, axis=1, keepdims=True)
        return (proj / np.maximum(norms, 1e-12)).astype(np.float32)
