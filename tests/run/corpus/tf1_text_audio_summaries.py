"""Text and audio summaries from a TF 1.x ``InteractiveSession`` (TF 1.2-1.12, 2017-2018).

Pattern reproduced: experiment scripts that logged their hyper-parameters with
``tf.summary.text`` (added in TF 1.2) and generated sounds with
``tf.summary.audio(name, tensor, sample_rate, max_outputs)``, evaluating with ``.eval()`` in a
``tf.InteractiveSession``. TF 1.x wrote the text as a tensor summary (plugin ``text``) and the
audio as ``tone/audio/0``, ``tone/audio/1``.

Usage: python tf1_text_audio_summaries.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_text_audio_summaries')

hparams = 'learning_rate=0.1, freq_hz=440, seconds=0.1'
sess = tf.InteractiveSession()

freq = tf.placeholder(tf.float32, [2, 1], name='freq')
t = tf.range(0, 800, dtype=tf.float32) / 8000.0
waves = tf.sin(2.0 * np.pi * freq * t)
text_op = tf.summary.text('hparams', tf.convert_to_tensor(hparams))
audio_op = tf.summary.audio('tone', tf.expand_dims(waves, -1), 8000, max_outputs=2)
peak = tf.reduce_max(waves)
peak_op = tf.summary.scalar('peak', peak)

writer = tf.summary.FileWriter(LOGDIR)
writer.add_summary(text_op.eval(), 0)
for step, f in enumerate([220.0, 440.0, 880.0]):
    feed = {freq: np.array([[f], [f * 1.5]], dtype=np.float32)}
    writer.add_summary(audio_op.eval(feed_dict=feed), step)
    writer.add_summary(peak_op.eval(feed_dict=feed), step)
writer.close()
print('peak %.3f' % peak.eval(feed_dict={freq: np.array([[440.0], [660.0]], dtype=np.float32)}))
sess.close()
