"""Q-learning agent with the ``setup_summary()`` idiom of 2017 DQN code (TF 1.x).

Pattern reproduced: the reinforcement-learning repositories of 2017 that logged per-episode
statistics by keeping them in ``tf.Variable(0.)`` (Python floats), assigning them from
placeholders (``var.assign(placeholder)``), and running a merged summary after each episode:
tags ``Total Reward/Episode`` etc. (TF 1.x cleaned the space to ``_``). The agent is a small
TF1 Q-network on a generated 5-state chain world, epsilon-greedy.

Usage: python tf1_dqn_summary_placeholders.py [LOGDIR]
"""
from __future__ import print_function

import os
import random
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_dqn_summary_placeholders')
N_STATES, N_ACTIONS = 5, 2


class ChainEnv(object):
    def reset(self):
        self.s = 0
        return self.s

    def step(self, a):
        self.s = min(self.s + 1, N_STATES - 1) if a == 1 else max(self.s - 1, 0)
        done = self.s == N_STATES - 1
        return self.s, (1.0 if done else -0.1), done


class DQNAgent(object):
    def __init__(self, sess):
        self.sess = sess
        self.epsilon = 1.0
        self.state_ph = tf.placeholder(tf.float32, [None, N_STATES])
        self.target_ph = tf.placeholder(tf.float32, [None, N_ACTIONS])
        W = tf.Variable(tf.random_uniform([N_STATES, N_ACTIONS], 0, 0.01, seed=1))
        self.q = tf.matmul(self.state_ph, W)
        self.loss = tf.reduce_sum(tf.square(self.target_ph - self.q))
        self.train_op = tf.train.GradientDescentOptimizer(0.1).minimize(self.loss)
        self.summary_placeholders, self.update_ops, self.summary_op = self.setup_summary()
        self.summary_writer = tf.summary.FileWriter(LOGDIR, self.sess.graph)
        self.sess.run(tf.global_variables_initializer())

    def setup_summary(self):
        episode_total_reward = tf.Variable(0.)
        episode_avg_max_q = tf.Variable(0.)
        episode_duration = tf.Variable(0.)
        tf.summary.scalar('Total Reward/Episode', episode_total_reward)
        tf.summary.scalar('Average Max Q/Episode', episode_avg_max_q)
        tf.summary.scalar('Duration/Episode', episode_duration)
        summary_vars = [episode_total_reward, episode_avg_max_q, episode_duration]
        summary_placeholders = [tf.placeholder(tf.float32) for _ in range(len(summary_vars))]
        update_ops = [summary_vars[i].assign(summary_placeholders[i]) for i in range(len(summary_vars))]
        summary_op = tf.summary.merge_all()
        return summary_placeholders, update_ops, summary_op

    def onehot(self, s):
        return np.identity(N_STATES, dtype=np.float32)[s:s + 1]

    def act(self, s):
        q = self.sess.run(self.q, {self.state_ph: self.onehot(s)})
        if random.random() < self.epsilon:
            return random.randrange(N_ACTIONS), q.max()
        return int(np.argmax(q)), q.max()

    def learn(self, s, a, r, s2, done):
        target = self.sess.run(self.q, {self.state_ph: self.onehot(s)})
        nxt = self.sess.run(self.q, {self.state_ph: self.onehot(s2)})
        target[0, a] = r if done else r + 0.9 * np.max(nxt)
        self.sess.run(self.train_op, {self.state_ph: self.onehot(s), self.target_ph: target})


random.seed(0)
sess = tf.Session()
agent = DQNAgent(sess)
env = ChainEnv()
for e in range(6):
    s, score, total_q, step, done = env.reset(), 0.0, 0.0, 0, False
    while not done and step < 20:
        a, q_max = agent.act(s)
        s2, r, done = env.step(a)
        agent.learn(s, a, r, s2, done)
        s, score, total_q, step = s2, score + r, total_q + q_max, step + 1
    agent.epsilon *= 0.7
    stats = [score, total_q / float(step), step]
    for i in range(len(stats)):
        sess.run(agent.update_ops[i], feed_dict={agent.summary_placeholders[i]: float(stats[i])})
    summary_str = sess.run(agent.summary_op)
    agent.summary_writer.add_summary(summary_str, e + 1)
    print('episode: %d score: %.2f steps: %d' % (e, score, step))
agent.summary_writer.close()
