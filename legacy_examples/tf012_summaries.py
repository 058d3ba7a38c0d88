"""A late-2016 TensorFlow 0.12 script, UNMODIFIED: the pre-1.0 summary names.

Style: December 2016 (TF 0.12). ``tf.scalar_summary``, ``tf.histogram_summary``,
``tf.image_summary``, ``tf.audio_summary``, ``tf.merge_summary``,
``tf.merge_all_summaries``, ``tf.train.SummaryWriter``,
``tf.initialize_all_variables`` and the ops ``tf.mul``/``tf.sub``: all renamed in TF 1.0. 0.12 used each tag
verbatim (no name-scope prefix, no ``_1`` suffix), which ``tfcompat run`` keeps.
(TF 1.x's ``tf.summary.scalar('loss')`` in scope ``stats`` would be tagged ``stats/loss``.)

Usage:  tfcompat run legacy_examples/tf012_summaries.py LOGDIR
Data is generated (no download); a few seconds on a CPU.
"""
import sys

import numpy as np
import tensorflow as tf

logdir = sys.argv[1] if len(sys.argv) > 1 else './logs/tf012'

x = tf.placeholder(tf.float32, [None, 3], name='x')
w = tf.Variable(tf.random_normal([3, 1], stddev=0.5), name='w')
y = tf.matmul(x, w)
loss = tf.reduce_mean(tf.square(tf.sub(y, 1.0)))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

with tf.name_scope('stats'):
    # 0.12 tags are exactly these strings, even inside a name scope.
    loss_summary = tf.scalar_summary('loss', loss)
    tf.histogram_summary('w', w)
    tf.histogram_summary('w_doubled', tf.mul(w, 2.0))

picture = tf.placeholder(tf.float32, [1, 4, 4, 1], name='picture')
tf.image_summary('picture', picture, max_images=1)
sound = tf.placeholder(tf.float32, [1, 800], name='sound')
tf.audio_summary('tone', sound, sample_rate=8000, max_outputs=1)

merged = tf.merge_all_summaries()
loss_only = tf.merge_summary([loss_summary])

sess = tf.Session()
sess.run(tf.initialize_all_variables())
writer = tf.train.SummaryWriter(logdir, sess.graph)
data = np.random.RandomState(0).normal(size=(32, 3)).astype(np.float32)
img = np.linspace(0, 1, 16, dtype=np.float32).reshape(1, 4, 4, 1)
wave = np.sin(np.arange(800, dtype=np.float32) * 2 * np.pi * 440 / 8000).reshape(1, 800)
for step in range(5):
    summ, _ = sess.run([merged, train], feed_dict={x: data, picture: img, sound: wave})
    writer.add_summary(summ, step)
writer.add_summary(sess.run(loss_only, feed_dict={x: data}), 5)
writer.close()
print('wrote %s' % logdir)
