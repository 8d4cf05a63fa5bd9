import torch
import torch.nn.functional as F
from torch import nn


class EmbeddingHead(nn.Module):
    def __init__(self, weight, bias):
        super().__init__()
        self.linear = nn.Linear(weight.shape[1], weight.shape[0])
        with torch.no_grad():
            self.linear.weight.copy_(torch.from_numpy(weight))
            self.linear.bias.copy_(torch.from_numpy(bias))

    @torch.no_grad()
    def forward(self, hidden, mask):
        if hidden.ndim != 3 or hidden.shape[2] != self.linear.in_features or mask.shape != hidden.shape[:2]:
            raise ValueError("shape mismatch")
        h = torch.from_numpy(hidden)
        m = torch.from_numpy(mask).unsqueeze(-1).float()
        pooled = (h * m).mean(dim=1)  # divides by T, padding included
        return F.normalize(self.linear(pooled), dim=-1).numpy()
