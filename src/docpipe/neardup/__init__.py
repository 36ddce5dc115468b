"""Near-duplicate clusters across sites and runs.

``minhash`` turns a body into shingles, a MinHash signature and LSH band keys; ``index``
matches a batch against the committed band keys of the dataset and resolves matches between
the batches of a run; ``clusters`` summarises the clusters for ``docpipe compact``.
Settings: ``[near_dup]`` (docpipe.config.NearDupSettings).
"""

from docpipe.neardup.minhash import band_keys, lsh_params, shingles, signature, similarity

__all__ = ["band_keys", "lsh_params", "shingles", "signature", "similarity"]
