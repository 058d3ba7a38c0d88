"""A framework-agnostic ``Logger`` class writing scalars, images and histograms with TF 1.x protos (2017).

Pattern reproduced: the widely shared 2017 logger gist (used from PyTorch and Keras code alike):
a class holding ``tf.summary.FileWriter(log_dir)`` with ``log_scalar(tag, value, step)``
(``tf.Summary.Value(simple_value=...)``), ``log_images(tag, images, step)`` (PNG bytes into
``tf.Summary.Image(encoded_image_string=..., height=..., width=...)``, tags ``tag/0``...) and
``log_histogram(tag, values, step, bins)`` (a hand-filled ``tf.HistogramProto`` from
``np.histogram``). No graph is built at all.

Usage: python tf1_numpy_logger.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys
from io import BytesIO

import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_numpy_logger')


class Logger(object):
    """Logging in tensorboard without tensorflow ops."""

    def __init__(self, log_dir):
        self.writer = tf.summary.FileWriter(log_dir)

    def log_scalar(self, tag, value, step):
        summary = tf.Summary(value=[tf.Summary.Value(tag=tag, simple_value=value)])
        self.writer.add_summary(summary, step)

    def log_images(self, tag, images, step):
        im_summaries = []
        for nr, img in enumerate(images):
            s = BytesIO()
            plt.imsave(s, img, format='png')
            img_sum = tf.Summary.Image(encoded_image_string=s.getvalue(),
                                       height=img.shape[0], width=img.shape[1])
            im_summaries.append(tf.Summary.Value(tag='%s/%d' % (tag, nr), image=img_sum))
        self.writer.add_summary(tf.Summary(value=im_summaries), step)

    def log_histogram(self, tag, values, step, bins=20):
        values = np.array(values)
        counts, bin_edges = np.histogram(values, bins=bins)
        hist = tf.HistogramProto()
        hist.min = float(np.min(values))
        hist.max = float(np.max(values))
        hist.num = int(np.prod(values.shape))
        hist.sum = float(np.sum(values))
        hist.sum_squares = float(np.sum(values ** 2))
        bin_edges = bin_edges[1:]
        for edge in bin_edges:
            hist.bucket_limit.append(edge)
        for c in counts:
            hist.bucket.append(c)
        self.writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag=tag, histo=hist)]), step)
        self.writer.flush()


rs = np.random.RandomState(0)
logger = Logger(LOGDIR)
weights = rs.normal(size=200)
for epoch in range(4):
    weights = weights * 0.9 + rs.normal(scale=0.05, size=200)
    logger.log_scalar('train/loss', float(1.0 / (epoch + 1)), epoch)
    logger.log_histogram('weights', weights, epoch)
    if epoch % 2 == 0:
        logger.log_images('samples', [rs.uniform(size=(6, 6)), rs.uniform(size=(6, 6))], epoch)
logger.writer.close()
print('logged 4 epochs')
