"""Put two static-vector tables side by side so that components trained on different tables share one vocab.

spaCy keeps one vectors table per pipeline (`nlp.vocab.vectors`), read by every StaticVectors layer. The 0.3.0
build keeps the UD components of 0.2.0 (trained on the 749 one-hot Brown-cluster table; a UD retrain on the new
features could not finish on the shared build machine, docs/model.md) and adds an NER trained on the 300-dim
lexeme table. StaticVectors is a bias-free linear map (output = V @ W.T), so the merge is exact:

  merged row of a word = [ W_ud @ old_vector(word)  (128 dims, zeros if the word had no old vector)
                         | new_vector(word)          (300 dims, zeros if none) ]
  UD  StaticVectors W  -> [ I_128 | 0 ]          (reproduces W_ud @ old_vector)
  NER StaticVectors W  -> [ 0     | W_ner ]      (reproduces W_ner @ new_vector)

Both components then compute exactly what they computed on their own table; `check_identical` verifies this on
sample texts at build time.
"""
import numpy


def static_vectors_layers(model):
    return [layer for layer in model.walk() if layer.name == "static_vectors"]


def merge_tables(old_vectors, old_W, new_vectors, name):
    """Merged spacy Vectors table (see module doc) for the union of both key sets."""
    from spacy.vectors import Vectors

    width_old = old_W.shape[0]
    old_rows = dict(old_vectors.key2row.items())
    new_rows = dict(new_vectors.key2row.items())
    combo_row, key_rows = {}, []
    for key in new_rows.keys() | old_rows.keys():
        combo = (old_rows.get(key, -1), new_rows.get(key, -1))
        key_rows.append((key, combo_row.setdefault(combo, len(combo_row))))
    data = numpy.zeros((len(combo_row), width_old + new_vectors.shape[1]), dtype="float32")
    old_data = numpy.asarray(old_vectors.data)
    new_data = numpy.asarray(new_vectors.data)
    for (o, n), row in combo_row.items():
        if o >= 0:
            data[row, :width_old] = old_W @ old_data[o]
        if n >= 0:
            data[row, width_old:] = new_data[n]
    merged = Vectors(strings=old_vectors.strings, data=data, name=name)
    for key, row in key_rows:
        merged.add(key, row=row)
    return merged


def _set_W(layer, W):
    # thinc refuses to change a dimension of a layer that has parameters (even with force=True); the layer has
    # exactly one parameter, W, which is replaced here together with its input width
    layer._dims["nM"] = W.shape[1]
    layer.set_param("W", W)


def merge_into(nlp, ud_component, ner_component, new_vectors, name="de_brown_clusters+lexeme"):
    """Replace nlp.vocab.vectors (the UD table) with the merged table and patch both StaticVectors layers."""
    (ud_layer,) = static_vectors_layers(nlp.get_pipe(ud_component).model)
    (ner_layer,) = static_vectors_layers(nlp.get_pipe(ner_component).model)
    old_W = numpy.asarray(ud_layer.get_param("W"))
    ner_W = numpy.asarray(ner_layer.get_param("W"))
    width_old = old_W.shape[0]
    merged = merge_tables(nlp.vocab.vectors, old_W, new_vectors, name)
    total = merged.shape[1]
    ud_W = numpy.zeros((old_W.shape[0], total), dtype="float32")
    ud_W[:, :width_old] = numpy.eye(width_old, dtype="float32")
    new_ner_W = numpy.zeros((ner_W.shape[0], total), dtype="float32")
    new_ner_W[:, width_old:] = ner_W
    nlp.vocab.vectors = merged
    _set_W(ud_layer, ud_W)
    _set_W(ner_layer, new_ner_W)
    return merged


def annotations(doc):
    return ([(t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents])
