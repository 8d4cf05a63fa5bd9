import numpy as np
import torch
from torch import nn


class EmbeddingHead(nn.Module):
    def __init__(self, weight, bias):
        super().__init__()
        self.weight = torch.tensor(weight)
        self.bias = torch.tensor(bias)

    def forward(self, hidden, mask):
        if len(hidden.shape) != 3 or hidden.shape[2] != self.weight.shape[1]:
            raise ValueError("bad hidden shape")
        if mask.shape != hidden.shape[:2]:
            raise ValueError("bad mask shape")
        rows = []
        for b in range(hidden.shape[0]):
            tokens = torch.tensor(hidden[b])
            keep = torch.tensor(mask[b]).bool()
            real = tokens[keep]
            if len(real) > 0:
                pooled = real.mean(dim=0)
            else:
                pooled = torch.zeros(hidden.shape[2])
            out = self.weight @ pooled + self.bias
            norm = out.norm()
            if norm > 1e-12:
                out = out / norm
            rows.append(out)
        if not rows:
            return np.zeros((0, self.weight.shape[0]), dtype=np.float32)
        return torch.stack(rows).numpy()
