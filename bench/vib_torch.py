"""PyTorch peer of bench/vib.ts: the same VIB training step (784-1024-1024-512, K = 256, batch
100, Adam lr 1e-4 b1 0.5, EMA 0.999 of the weights), driven over stdin so the TypeScript side can
interleave rounds with its own. Protocol: one JSON line per command; replies one JSON line.
  {"cmd": "info"} and {"cmd": "run", "steps": n}: see bench/torch_peer.py
Run with Debian's /usr/bin/python3 (python3-torch + libopenblas0-openmp).
"""

import torch
import torch.nn.functional as F

from torch_peer import serve

torch.set_num_threads(2)
torch.manual_seed(0)

K, B, D, C = 256, 100, 784, 10
encoder = torch.nn.Sequential(
    torch.nn.Linear(D, 1024), torch.nn.ReLU(),
    torch.nn.Linear(1024, 1024), torch.nn.ReLU(),
    torch.nn.Linear(1024, 2 * K),
)
decoder = torch.nn.Linear(K, C)
params = list(encoder.parameters()) + list(decoder.parameters())
ema = [p.detach().clone() for p in params]
opt = torch.optim.Adam(params, lr=1e-4, betas=(0.5, 0.999), eps=1e-8)
beta = 1e-3
x = torch.rand(B, D) * 2 - 1
y = torch.randint(0, C, (B,))
count = 0


def step():
    global count
    out = encoder(x)
    mu, rho = out[:, :K], out[:, K:]
    sigma = F.softplus(rho - 5.0)
    z = mu + sigma * torch.randn(B, K)
    task = F.cross_entropy(decoder(z), y)
    kl = 0.5 * (mu.pow(2) + sigma.pow(2) - 1 - 2 * torch.log(sigma)).sum(-1).mean()
    loss = task + beta * kl
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    count += 1
    d = min(0.999, (1 + count) / (10 + count))
    with torch.no_grad():
        for e, p in zip(ema, params):
            e.mul_(d).add_(p, alpha=1 - d)
    return loss


for _ in range(5):
    step()  # warm-up

serve(step)
