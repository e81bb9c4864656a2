"""PyTorch peer of bench/transformer.ts: the same encoder-decoder training step (tied embeddings,
post-LN, hand-written multi-head attention with fused QKV, ReLU FFN, dropout, cross-entropy with
-100 ignored, AdamW b=(0.9, 0.98) eps 1e-9 wd 0.01), on the same shapes, driven over stdin so the
TypeScript side can interleave rounds with its own. Protocol: one JSON line per command.
  {"cmd": "init", "V":..,"d":..,"h":..,"f":..,"n":..,"B":..,"S":..,"T":..,"p":..} -> {"params": n}
  {"cmd": "info"} and {"cmd": "run", "steps": n}: see bench/torch_peer.py
Run with Debian's /usr/bin/python3 (python3-torch + libopenblas0-openmp).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_peer import serve

torch.set_num_threads(2)
torch.manual_seed(0)


class SelfAttention(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h = h
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)

    def forward(self, x, bias):
        B, T, d = x.shape
        q, k, v = self.qkv(x).split(d, -1)
        q, k, v = (t.view(B, T, self.h, d // self.h).transpose(1, 2) for t in (q, k, v))
        w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.h) + bias, -1)
        return self.out((w @ v).transpose(1, 2).reshape(B, T, d))


class CrossAttention(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h = h
        self.q = nn.Linear(d, d)
        self.kv = nn.Linear(d, 2 * d)
        self.out = nn.Linear(d, d)

    def forward(self, x, mem, bias):
        B, T, d = x.shape
        S = mem.shape[1]
        q = self.q(x).view(B, T, self.h, d // self.h).transpose(1, 2)
        k, v = self.kv(mem).split(d, -1)
        k, v = (t.view(B, S, self.h, d // self.h).transpose(1, 2) for t in (k, v))
        w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.h) + bias, -1)
        return self.out((w @ v).transpose(1, 2).reshape(B, T, d))


class Layer(nn.Module):
    def __init__(self, d, h, f, p, decoder):
        super().__init__()
        self.decoder = decoder
        self.self_attn = SelfAttention(d, h)
        self.ln1 = nn.LayerNorm(d)
        if decoder:
            self.cross = CrossAttention(d, h)
            self.ln2 = nn.LayerNorm(d)
        self.fc1, self.fc2 = nn.Linear(d, f), nn.Linear(f, d)
        self.ln3 = nn.LayerNorm(d)
        self.drop = nn.Dropout(p)

    def forward(self, x, bias, mem=None, cross_bias=None):
        x = self.ln1(x + self.drop(self.self_attn(x, bias)))
        if self.decoder:
            x = self.ln2(x + self.drop(self.cross(x, mem, cross_bias)))
        return self.ln3(x + self.drop(self.fc2(F.relu(self.fc1(x)))))


class Seq2Seq(nn.Module):
    def __init__(self, V, d, h, f, n, max_len, p):
        super().__init__()
        self.emb_word = nn.Embedding(V, d)
        self.emb_pos = nn.Embedding(max_len, d)
        nn.init.normal_(self.emb_word.weight, std=d**-0.5)
        nn.init.normal_(self.emb_pos.weight, std=d**-0.5)
        self.emb_ln = nn.LayerNorm(d)
        self.drop = nn.Dropout(p)
        self.enc = nn.ModuleList([Layer(d, h, f, p, False) for _ in range(n)])
        self.dec = nn.ModuleList([Layer(d, h, f, p, True) for _ in range(n)])
        self.head_bias = nn.Parameter(torch.zeros(V))

    def embed(self, tok):
        pos = torch.arange(tok.shape[1])
        return self.drop(self.emb_ln(self.emb_word(tok) + self.emb_pos(pos)))

    def forward(self, src, src_mask, tgt_in):
        pad_bias = ((src_mask - 1) * 1e9)[:, None, None, :]
        x = self.embed(src)
        for layer in self.enc:
            x = layer(x, pad_bias)
        T = tgt_in.shape[1]
        causal = (torch.tril(torch.ones(T, T)) - 1) * 1e9
        y = self.embed(tgt_in)
        for layer in self.dec:
            y = layer(y, causal, x, pad_bias)
        return y @ self.emb_word.weight.t() + self.head_bias  # tied lm_head


model = opt = batch = None


def init(c):
    global model, opt, batch
    model = Seq2Seq(c["V"], c["d"], c["h"], c["f"], c["n"], max(c["S"], c["T"]), c["p"])
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.01)
    B, S, T, V = c["B"], c["S"], c["T"], c["V"]
    g = torch.Generator().manual_seed(1)
    src = torch.randint(1, V, (B, S), generator=g)
    tgt_in = torch.randint(1, V, (B, T), generator=g)
    tgt_out = torch.randint(1, V, (B, T), generator=g)
    batch = (src, torch.ones(B, S), tgt_in, tgt_out)
    for _ in range(3):
        step()  # warm-up
    return sum(p.numel() for p in model.parameters())


def step():
    src, mask, tgt_in, tgt_out = batch
    logits = model(src, mask, tgt_in)
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt_out.reshape(-1), ignore_index=-100)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    return loss


serve(step, {"init": lambda cmd: {"params": init(cmd)}})
