"""newsflow: scraped news pages in, clean, split, tagged articles out."""

import os

__version__ = "0.1.0"

# One BLAS thread a process (unless the environment says otherwise), set before numpy loads: the
# segmenter's matrices are a page's, too small for threads to pay, and OpenBLAS's idle threads spin.
# `newsflow process --stages clean,segment` over html-dev's naive text three times (32 MB), 2 cores:
# the same wall time (16-19 s either way) for 16-18 s of CPU instead of 25-28. The tagger took as long
# either way (news sample, 4 runs each: 28-44 s, mean 37 s). Workers scale by processes (`--jobs`,
# replicas), which spinning threads would slow down.
for _variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
