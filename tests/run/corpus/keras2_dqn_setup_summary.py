"""Keras 2 DQN agent logging episode statistics through TF 1.x variables in Keras's session (2017).

Pattern reproduced: the Keras+TF1 DQN agents of 2017 (Atari/CartPole tutorial repositories):
``self.sess = tf.InteractiveSession()`` handed to Keras with ``K.set_session(self.sess)``, a Keras
``Sequential`` Q-network compiled with ``Adam(lr=...)``, ``setup_summary()`` keeping episode stats
in ``tf.Variable(0.)`` assigned from placeholders, ``tf.summary.FileWriter(dir, self.sess.graph)``,
``self.sess.run(tf.global_variables_initializer())`` after the model exists, and
``summary_writer.add_summary(self.sess.run(self.summary_op), e + 1)`` per episode.

Usage: python keras2_dqn_setup_summary.py [LOGDIR]
"""
from __future__ import print_function

import os
import random
import sys
from collections import deque

import numpy as np
import tensorflow as tf
from keras import backend as K
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import Adam

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_dqn_setup_summary')


class DQNAgent:
    def __init__(self, state_size, action_size):
        self.state_size, self.action_size = state_size, action_size
        self.epsilon, self.gamma = 1.0, 0.95
        self.memory = deque(maxlen=500)
        self.model = self.build_model()
        self.avg_q_max, self.avg_loss = 0, 0
        self.sess = tf.InteractiveSession()
        K.set_session(self.sess)
        self.summary_placeholders, self.update_ops, self.summary_op = self.setup_summary()
        self.summary_writer = tf.summary.FileWriter(LOGDIR, self.sess.graph)
        self.sess.run(tf.global_variables_initializer())

    def build_model(self):
        model = Sequential()
        model.add(Dense(12, input_dim=self.state_size, activation='relu'))
        model.add(Dense(self.action_size, activation='linear'))
        model.compile(loss='mse', optimizer=Adam(lr=0.01))
        return model

    def setup_summary(self):
        episode_total_reward = tf.Variable(0.)
        episode_avg_max_q = tf.Variable(0.)
        episode_duration = tf.Variable(0.)
        episode_avg_loss = tf.Variable(0.)
        tf.summary.scalar('Total Reward/Episode', episode_total_reward)
        tf.summary.scalar('Average Max Q/Episode', episode_avg_max_q)
        tf.summary.scalar('Duration/Episode', episode_duration)
        tf.summary.scalar('Average Loss/Episode', episode_avg_loss)
        summary_vars = [episode_total_reward, episode_avg_max_q, episode_duration, episode_avg_loss]
        summary_placeholders = [tf.placeholder(tf.float32) for _ in range(len(summary_vars))]
        update_ops = [summary_vars[i].assign(summary_placeholders[i]) for i in range(len(summary_vars))]
        summary_op = tf.summary.merge_all()
        return summary_placeholders, update_ops, summary_op

    def get_action(self, state):
        q = self.model.predict(state)
        self.avg_q_max += np.amax(q)
        if np.random.rand() <= self.epsilon:
            return random.randrange(self.action_size)
        return int(np.argmax(q[0]))

    def train_replay(self, batch_size=8):
        if len(self.memory) < batch_size:
            return
        batch = random.sample(self.memory, batch_size)
        states = np.vstack([b[0] for b in batch])
        next_states = np.vstack([b[3] for b in batch])
        targets = self.model.predict(states)
        next_q = self.model.predict(next_states)
        for i, (s, a, r, s2, done) in enumerate(batch):
            targets[i, a] = r if done else r + self.gamma * np.amax(next_q[i])
        hist = self.model.fit(states, targets, epochs=1, verbose=0)
        self.avg_loss += hist.history['loss'][0]


random.seed(2)
np.random.seed(2)
agent = DQNAgent(4, 2)
for e in range(3):
    state, score, step, done = np.zeros((1, 4)), 0.0, 0, False
    while not done:
        action = agent.get_action(state)
        next_state = state + (0.25 if action else -0.1)
        reward = 1.0 if action == 1 else 0.0
        step += 1
        done = step >= 4
        agent.memory.append((state, action, reward, next_state, done))
        agent.train_replay()
        state, score = next_state, score + reward
    stats = [score, agent.avg_q_max / float(step), step, agent.avg_loss / float(step)]
    for i in range(len(stats)):
        agent.sess.run(agent.update_ops[i], feed_dict={agent.summary_placeholders[i]: float(stats[i])})
    summary_str = agent.sess.run(agent.summary_op)
    agent.summary_writer.add_summary(summary_str, e + 1)
    agent.avg_q_max, agent.avg_loss = 0, 0
    agent.epsilon *= 0.5
    print('episode:', e, ' score:', score)
agent.summary_writer.close()
