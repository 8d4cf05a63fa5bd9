import torch
import torch.nn.functional as F


class EmbeddingHead:
    def __init__(self, weight, bias):
        self.weight = torch.from_numpy(weight)
        self.bias = torch.from_numpy(bias)

    def forward(self, hidden, mask):
        if hidden.ndim != 3 or hidden.shape[2] != self.weight.shape[1] or mask.shape != hidden.shape[:2]:
            raise ValueError("shape mismatch")
        h = torch.from_numpy(hidden)
        m = torch.from_numpy(mask).unsqueeze(-1).float()
        pooled = (h * m).sum(dim=1) / m.sum(dim=1).clamp(min=1)
        return F.normalize(pooled @ self.weight + self.bias, dim=-1).numpy()  # (B, D) @ (E, D)
