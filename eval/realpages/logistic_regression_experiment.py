"""Experiment (issue 18): does a logistic regression over block features beat the rules of the clean stage?

Fitted on the dev pages of eval/realpages only, applied to the held-out pages; a block is removed when the rules
remove it or the model's probability exceeds tau. Run: ``python eval/realpages/logistic_regression_experiment.py``.
Result (2026-12-01): no gain worth its precision cost (see docs/boilerplate.md), so no model is shipped.
Plain numpy gradient descent: no extra dependency.
"""
import math

import numpy as np

from pipeline.evaluation import boilerplate as E
from pipeline import boilerplate as bp
CATS = bp.CATEGORIES
def feats(pages):
    X=[];Y=[];S=[];R=[];T=[]
    lex=bp.load_lexicon()
    for split in ('dev','heldout'):
        part=[p for p in pages if p.split==split]
        texts=['\n'.join(t for _,t in p.blocks) for p in part]
        res=bp.clean_documents(texts, lexicon=lex)
        for p,text,r in zip(part,texts,res):
            spans=[];pos=0
            for lab,t in p.blocks:
                spans.append((lab,t,pos,pos+len(t))); pos+=len(t)+1
            rec=[]
            for lab,t,s,e in spans:
                cov=[b for b in r.blocks if b.start_char<e and b.end_char>s]
                b=cov[0]
                rec.append((lab,t,b))
            shapes=[bp.block_shape(t) for _,t,_ in rec]
            top=next((i for i,s in enumerate(shapes) if s.sentence_like and s.words>=12), len(shapes))
            n=len(rec)
            for i,(lab,t,b) in enumerate(rec):
                sh=shapes[i]; sig=dict(b.signals)
                f=[1.0, float(b.is_boilerplate), min(b.score,8)/8,
                   math.log1p(sh.words)/4, sh.stop_density, float(sh.sentence_like), float(sh.short_item), float(sh.headline),
                   float(bool(sh.widget)), min(sh.contact_strong,3)/3, min(sh.contact_weak,3)/3, float(sh.name),
                   i/max(1,n-1), float(i<top), float(i==0), float(i==n-1),
                   float(rec[i-1][2].is_boilerplate) if i>0 else 1.0, float(rec[i+1][2].is_boilerplate) if i+1<n else 1.0,
                   float(shapes[i-1].short_item) if i>0 else 1.0, float(shapes[i+1].short_item) if i+1<n else 1.0,
                   float(shapes[i-1].sentence_like) if i>0 else 0.0, float(shapes[i+1].sentence_like) if i+1<n else 0.0,
                   float(t.rstrip().endswith(':')), float(any(c.isdigit() for c in t)),
                   sum(v for k,v in sig.items() if k=='news_reporting')/-4,
                   float('formal_address' in sig), float('imperative' in sig), float('links' in sig)]
                f+= [min(sig.get(f'lexicon:{c}',0),6)/6 for c in CATS]
                X.append(f); Y.append(0.0 if lab=='content' else 1.0); S.append(split); R.append(b.is_boilerplate); T.append((p.id,lab,t))
    return np.array(X),np.array(Y),np.array(S),np.array(R),T
pages=E.load_pages()
X,Y,S,R,T=feats(pages)
dev=S=='dev'; held=~dev
w=np.zeros(X.shape[1])
for it in range(4000):
    z=X[dev]@w; p=1/(1+np.exp(-z)); g=X[dev].T@(p-Y[dev])/dev.sum()+1e-3*w; w-=0.5*g
pd=1/(1+np.exp(-X@w))
print("features:", X.shape[1], "dev blocks:", int(dev.sum()), "held-out blocks:", int(held.sum()))
for tau in (0.5,0.6,0.7,0.8,0.9,0.95):
    for name,m in (('dev',dev),('held',held)):
        dec=(pd>tau)|R
        c=(Y==0)&m; j=(Y==1)&m
        lens=np.array([len(t[2]) for t in T])
        kept=(lens[c & ~dec]).sum()/lens[c].sum()
        lost=((lens>=100)&c&dec).sum()
        print(tau,name,f"content chars kept {kept:.3f} lostpara {lost} content blocks removed {(c&dec).sum()} junk {(dec&j).sum()/j.sum():.3f} rules-only junk {(R&j).sum()/j.sum():.3f}")
