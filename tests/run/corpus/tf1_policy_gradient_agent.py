"""REINFORCE policy-gradient agent in TF 1.x with per-episode summaries (2017-2018).

Pattern reproduced: policy-gradient tutorials of 2017-2018: a ``tf.layers.dense`` policy,
``tf.multinomial`` sampling, discounted returns computed in numpy, the loss
``-tf.reduce_mean(tf.log(prob_of_action) * advantage)``, ``tf.train.AdamOptimizer``; episode
reward and loss written with ``tf.summary.scalar`` on placeholders fed after each episode
(``tf.summary.merge([...])``). The environment is a generated two-armed bandit with a horizon.

Usage: python tf1_policy_gradient_agent.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_policy_gradient_agent')

tf.set_random_seed(0)
rs = np.random.RandomState(0)

states = tf.placeholder(tf.float32, [None, 3], name='states')
actions = tf.placeholder(tf.int32, [None], name='actions')
advantages = tf.placeholder(tf.float32, [None], name='advantages')
hidden = tf.layers.dense(states, 8, activation=tf.nn.tanh, name='policy_hidden')
logits = tf.layers.dense(hidden, 2, name='policy_logits')
sample = tf.multinomial(logits, 1)
probs = tf.nn.softmax(logits)
chosen = tf.reduce_sum(probs * tf.one_hot(actions, 2), axis=1)
loss = -tf.reduce_mean(tf.log(chosen + 1e-8) * advantages)
train_op = tf.train.AdamOptimizer(0.05).minimize(loss)

reward_ph = tf.placeholder(tf.float32, name='episode_reward')
loss_ph = tf.placeholder(tf.float32, name='episode_loss')
episode_summary = tf.summary.merge([tf.summary.scalar('reward', reward_ph),
                                    tf.summary.scalar('loss', loss_ph)])


def discount(rewards, gamma=0.9):
    out, running = np.zeros(len(rewards), dtype=np.float32), 0.0
    for i in reversed(range(len(rewards))):
        running = rewards[i] + gamma * running
        out[i] = running
    return out


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    for episode in range(8):
        obs, acts, rews = [], [], []
        for t in range(10):
            s = np.array([1.0, t / 10.0, rs.uniform()], dtype=np.float32)
            a = int(sess.run(sample, {states: s[None]})[0, 0])
            obs.append(s)
            acts.append(a)
            rews.append(1.0 if a == 1 else 0.0)
        ret = discount(rews)
        adv = (ret - ret.mean()) / (ret.std() + 1e-8)
        _, l = sess.run([train_op, loss], {states: np.array(obs), actions: acts, advantages: adv})
        writer.add_summary(sess.run(episode_summary, {reward_ph: sum(rews), loss_ph: l}), episode)
    writer.close()
    print('trained 8 episodes')
