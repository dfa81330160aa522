#!/bin/sh
# NER ablations, scored on the GermEval DEV slice (i % 10 == 5) only; logs in training/runs/exp_*.log.
# Run from the repo root after `python training/build_model.py --stages convert` (ner_train_euro.spacy =
# ner_train.spacy + europeana.spacy, built by hand with DocBin).
C=training/corpus
run() {  # name train-file extra-overrides...
  name=$1; train=$2; shift 2
  nice -n 10 .venv/bin/python -m spacy train training/configs/ner.cfg --output training/runs/exp_$name \
    --paths.train $train --paths.dev $C/germeval_dev.spacy --code training/de_tokenizer.py \
    --paths.vectors $C/cluster_vectors "$@" > training/runs/exp_$name.log 2>&1
}
# all_vec = the default build (GermEval train + MobIE + SmartData, cluster vectors): training/runs/ner
[ -n "$WAIT_PID" ] && while kill -0 "$WAIT_PID" 2>/dev/null; do sleep 10; done
run ge_vec $C/germeval_train.spacy
run all_euro_vec $C/ner_train_euro.spacy
